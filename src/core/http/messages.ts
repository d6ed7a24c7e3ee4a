import type { MessageBundle } from '../i18n/catalogue.ts';

/**
 * What the HTTP shell says: about uploads (src/core/http/route.ts), about requests refused before any route runs
 * (src/core/http/security.ts, input.ts), and the titles of the error codes the shell alone raises. The other
 * errors' titles are in core-messages.ts.
 */
const zh = {
  'upload.unsupported_format': '无法读取“{name}”：请上传 {accepted} 文件',
  'upload.wrong_content': '“{name}”的内容不是 {extension} 文件（可能只是改了扩展名），请用原程序另存为 {extension} 后再上传',
  'upload.too_large': '文件“{name}”超过了 {limit} 的上限',
  'upload.bad_name': '文件名含有不允许的字符（控制字符或无效的文字），请改名后再上传',
  'error.uri_too_long': '请求的地址过长',
  'error.unsupported_media_type': '不接受这种格式的提交内容',
  'error.headers_too_large': '请求头过大',
  'error.disk_full': '服务器磁盘空间已满',
  'error.bad_request': '请求格式不正确',
  'error.bad_url': '地址不正确：含有不允许的字符、无效的编码或“..”路径',
  'error.bad_encoding': '提交的内容不是有效的 UTF-8 文本',
  'error.cross_origin': '拒绝了来自其他网页（{origin}）的请求：请直接在本系统的页面上操作',
  'error.media_type_not_declared': '此接口只接受 {accepted} 格式的提交内容，收到的是 {given}',
  'error.no_body_expected': '{method} 请求不带提交内容',
  'validation.nul_character': '不能包含空字符（\\0）',
  'validation.ill_formed': '含有无效的字符（不成对的代理项）',
  'error.data_dir_unusable': '数据目录无法使用',
  'error.data_dir_not_writable': '数据目录 {dir} 无法写入（{reason}）：服务器要在其中保存数据库、数据密钥和导入的文件。请让运行本程序的用户可以写入它，或用 DATA_DIR 指定另一个目录。',
  'data_dir.reason.read_only': '所在的文件系统是只读的',
  'data_dir.reason.denied': '没有写入权限',
  'data_dir.reason.not_directory': '它或它的上级不是目录',
} as const;

const en: Record<keyof typeof zh, string> = {
  'upload.unsupported_format': 'Cannot read “{name}”: upload a {accepted} file',
  'upload.wrong_content': '“{name}” is not really a {extension} file (perhaps only its name was changed): save it as {extension} in the program that made it, then upload it again',
  'upload.too_large': 'The file “{name}” is over the limit of {limit}',
  'upload.bad_name': 'The file name holds characters that are not allowed (control characters or invalid text): rename the file, then upload it again',
  'error.uri_too_long': 'The request address is too long',
  'error.unsupported_media_type': 'This kind of request body is not accepted',
  'error.headers_too_large': 'The request headers are too large',
  'error.disk_full': "The server's disk is full",
  'error.bad_request': 'The request is malformed',
  'error.bad_url': 'The address is malformed: it holds characters that are not allowed, an invalid encoding or a “..” segment',
  'error.bad_encoding': 'The request body is not valid UTF-8 text',
  'error.cross_origin': 'A request from another web page ({origin}) was refused: work on the pages of this system itself',
  'error.media_type_not_declared': 'This endpoint takes {accepted} bodies, not {given}',
  'error.no_body_expected': 'A {method} request carries no body',
  'validation.nul_character': 'Must not contain a NUL character (\\0)',
  'validation.ill_formed': 'Holds characters that are not valid text (an unpaired surrogate)',
  'error.data_dir_unusable': 'The data directory cannot be used',
  'error.data_dir_not_writable': 'The data directory {dir} cannot be written ({reason}): the server keeps its database, data key and imported files there. Make it writable by the user that runs this program, or point DATA_DIR at another directory.',
  'data_dir.reason.read_only': 'its file system is read-only',
  'data_dir.reason.denied': 'no permission to write',
  'data_dir.reason.not_directory': 'it, or a directory above it, is not a directory',
};

export const httpMessages: MessageBundle = { 'zh-CN': zh, en };
