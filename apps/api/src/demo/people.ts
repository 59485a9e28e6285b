/** Deterministic generators for demo people and places, so `npm run seed` makes the same rows every time. */

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = ReturnType<typeof prng>;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const between = (rand: Rand, min: number, max: number) => min + rand() * (max - min);
export const intBetween = (rand: Rand, min: number, max: number) => Math.floor(between(rand, min, max + 1));

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方邹熊秦邱江尹龙贺龚易';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉鹏宇浩然子轩欣怡梓涵雨桐俊杰淑珍海燕春梅晓东立新德明湘';
const MOBILE_PREFIXES = [
  '138',
  '139',
  '135',
  '136',
  '137',
  '150',
  '151',
  '152',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '181',
  '189',
  '177',
  '199',
];
const ROADS = [
  '五一大道',
  '芙蓉中路',
  '韶山北路',
  '湘江中路',
  '人民东路',
  '劳动西路',
  '麓山南路',
  '桐梓坡路',
  '万家丽路',
  '东二环',
  '黄兴路',
  '解放西路',
  '车站北路',
  '八一路',
  '营盘路',
  '金星中路',
];
const COMMUNITIES = [
  '和园',
  '锦绣家园',
  '湘江世纪城',
  '东方新城',
  '金色家园',
  '丽景花园',
  '长房小区',
  '嘉和苑',
  '阳光小区',
  '荷花园',
];
const TOWNS = [
  '乌山',
  '白箬铺',
  '黄金园',
  '星沙',
  '黄花',
  '春华',
  '回龙铺',
  '双江口',
  '大围山',
  '张坊',
  '沩山',
  '黄材',
  '跳马',
  '暮云',
];
const VILLAGES = ['新华', '光明', '团结', '红星', '东风', '和平', '石桥', '枫树', '杨柳', '龙泉'];

export function chineseName(rand: Rand): string {
  const given = pick(rand, [...GIVEN]) + (rand() < 0.7 ? pick(rand, [...GIVEN]) : '');
  return pick(rand, [...SURNAMES]) + given;
}

/** A mobile number in E.164 with a real Chinese carrier prefix. */
export function mobileNumber(rand: Rand): string {
  return `+86${pick(rand, MOBILE_PREFIXES)}${String(intBetween(rand, 0, 99_999_999)).padStart(8, '0')}`;
}

export function address(rand: Rand, district: string, zoneClass: string): string {
  if (zoneClass === 'urban') {
    return `湖南省长沙市${district}${pick(rand, ROADS)}${intBetween(rand, 1, 500)}号${pick(rand, COMMUNITIES)}${intBetween(rand, 1, 30)}栋${intBetween(rand, 1, 6)}单元${intBetween(rand, 1, 32)}0${intBetween(rand, 1, 4)}室`;
  }
  return `湖南省长沙市${district}${pick(rand, TOWNS)}镇${pick(rand, VILLAGES)}村${intBetween(rand, 1, 15)}组${intBetween(rand, 1, 80)}号`;
}
