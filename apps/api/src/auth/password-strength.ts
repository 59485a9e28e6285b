import { BadRequestException } from '@nestjs/common';
import zxcvbnCore from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * Common passwords of Chinese users that the English and common lists miss: pinyin phrases and names, lucky and
 * love numbers, and this system's own words. zxcvbn-ts has no Chinese language pack; these are matched as
 * dictionary words (with l33t and case variants), so `Woaini1314` is as weak as `iloveyou`.
 */
const CHINESE_COMMON = [
  'woaini',
  'woaini1314',
  'aini',
  'iloveyou',
  'wanan',
  'nihao',
  'zhongguo',
  'beijing',
  'shanghai',
  'changsha',
  'hunan',
  'xiaoming',
  'xiaohong',
  'laopo',
  'laogong',
  'baobao',
  'qinqin',
  'mima',
  'mimamima',
  'yiersan',
  'zhang',
  'wang',
  'li',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'zhou',
  'wu',
  'xu',
  'sun',
  'zhu',
  'ma',
  'hu',
  'wei',
  'fang',
  'na',
  'min',
  'jing',
  'qiang',
  'lei',
  'jun',
  'yong',
  'yan',
  'jie',
  'tao',
  'ming',
  'zhangwei',
  'wangwei',
  'wangfang',
  'liwei',
  'lina',
  'zhangmin',
  'lijing',
  'wangjing',
  'liuwei',
  'wangqiang',
  '5201314',
  '1314520',
  '520520',
  '521521',
  '1314',
  '147258369',
  '159357',
  '168168',
  '888888',
  '666666',
  '95598',
  'gd95598',
  'demo95598',
  'dianli',
  'guowang',
  'guodian',
  'gongdan',
  'qiangxiu',
  'kefu',
  'admin',
];

// The language packs are CommonJS: their exports arrive on the default export under Node's ESM loader.
const unwrap = <T>(m: T): T => (m as { default?: T }).default ?? m;
const commonPack = unwrap(common);
const enPack = unwrap(en);
const { ZxcvbnFactory } = unwrap(zxcvbnCore as unknown as typeof import('@zxcvbn-ts/core'));

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...commonPack.dictionary, ...enPack.dictionary, chinese: CHINESE_COMMON },
  graphs: commonPack.adjacencyGraphs,
  translations: enPack.translations,
});

/** zxcvbn score 0–4; 3 ("safely unguessable: moderate protection from offline attacks") is the floor. */
export const MIN_SCORE = 3;

/**
 * Refuses a weak new password with a message in Chinese then English. `userInputs` (username, display name) count
 * as known words: `agent9-agent9` is weak for agent9. Admin-only and rare, so zxcvbn's few tens of ms are fine.
 * The demo seed's password never passes here (seeded directly, demo mode only).
 */
export function assertStrongPassword(password: string, userInputs: string[] = []) {
  const result = zxcvbn.check(password, userInputs.filter(Boolean));
  if (result.score >= MIN_SCORE) return;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? 'it is easy to guess';
  throw new BadRequestException([
    `密码强度不足，容易被猜中：请使用更长、不常见的密码（例如三四个不相关的词加数字）。 password too weak: ${hint}`,
  ]);
}
