import type { MessageBundle } from '../i18n/catalogue.ts';

/** What the HTTP shell says about uploads (src/core/http/route.ts); the errors' titles are in core-messages.ts. */
export const httpMessages: MessageBundle = {
  'zh-CN': {
    'upload.unsupported_format': '无法读取“{name}”：请上传 {accepted} 文件',
    'upload.wrong_content': '“{name}”的内容不是 {extension} 文件（可能只是改了扩展名），请用原程序另存为 {extension} 后再上传',
    'upload.too_large': '文件“{name}”超过了 {limit} 的上限',
  },
  en: {
    'upload.unsupported_format': 'Cannot read “{name}”: upload a {accepted} file',
    'upload.wrong_content': '“{name}” is not really a {extension} file (perhaps only its name was changed): save it as {extension} in the program that made it, then upload it again',
    'upload.too_large': 'The file “{name}” is over the limit of {limit}',
  },
};
