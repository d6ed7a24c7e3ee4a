import type { MessageBundle } from '../i18n/catalogue.ts';

/** What the public pages' server side says to a worker (README.md in this folder). */
export const publicMessages: MessageBundle = {
  'zh-CN': {
    'public.challenge_missing': '请先完成人机验证，再提交',
    'public.challenge_invalid': '人机验证无效，请刷新页面后重新提交',
    'public.challenge_expired': '人机验证已过期，请重新提交',
    'public.challenge_wrong_proof': '人机验证未通过，请重新提交',
    'public.challenge_used': '这次人机验证已经用过，请重新提交',
    'public.tracking_not_found': '找不到这个查询码对应的事项，请核对后再试',
  },
  en: {
    'public.challenge_missing': 'Complete the check that you are a person, then send again',
    'public.challenge_invalid': 'The check that you are a person is not valid: reload the page and send again',
    'public.challenge_expired': 'The check that you are a person has expired: send again',
    'public.challenge_wrong_proof': 'The check that you are a person did not pass: send again',
    'public.challenge_used': 'This check has been used already: send again',
    'public.tracking_not_found': 'No item has this tracking code: check it and try again',
  },
};
