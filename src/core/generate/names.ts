import { weighted, type Random } from './random.ts';

/**
 * Words for plausible Chinese names: people (surnames by their frequency in the north-east, with the Korean
 * surnames of Yanbian) and employers (a trade name, an industry word, a legal form). Made up, like the people.
 */

// Relative frequencies, roughly those of Jilin's population registers.
const surnames = weighted<string>([
  ['王', 82], ['李', 80], ['张', 78], ['刘', 62], ['陈', 30], ['杨', 32], ['赵', 30], ['孙', 28], ['于', 22], ['马', 18],
  ['高', 18], ['徐', 16], ['周', 15], ['吴', 12], ['朱', 12], ['郭', 12], ['林', 8], ['何', 8], ['罗', 7], ['郑', 9],
  ['梁', 9], ['宋', 10], ['谢', 6], ['韩', 12], ['唐', 7], ['冯', 8], ['董', 10], ['曹', 8], ['许', 8], ['邓', 5],
  ['曲', 6], ['姜', 10], ['崔', 9], ['金', 9], ['尹', 5], ['白', 7], ['鲁', 4], ['关', 6], ['佟', 4], ['付', 8],
  ['侯', 6], ['孟', 7], ['齐', 5], ['吕', 7], ['贾', 5], ['丁', 5], ['田', 7], ['范', 5], ['石', 6], ['邢', 4],
  ['宫', 3], ['隋', 3], ['苏', 6], ['潘', 4], ['任', 6], ['常', 5], ['闫', 5], ['秦', 4], ['吉', 2], ['那', 2],
]);
// Yanbian's Korean families: 金, 李, 朴, 崔, 郑 and a few more carry most of them.
const koreanSurnames = weighted<string>([['金', 30], ['李', 20], ['朴', 18], ['崔', 12], ['郑', 7], ['姜', 5], ['韩', 4], ['申', 3], ['池', 2], ['玄', 2]]);

const maleGiven = '伟刚勇军强磊涛明斌超鹏辉杰峰宇浩东海波鑫龙飞亮成林华国平建志春立新宏凯旭阳俊晨博文武达松'.split('');
const femaleGiven = '丽娟敏静燕艳红霞玲芳秀英华慧颖丹雪梅琳娜婷莉兰萍洁晶月爽薇欣悦璐佳玉春凤岩琪'.split('');
const middle = '志国建文晓宏春秀玉丽海永立明云金长俊雅子思'.split('');

export function personName(random: Random, gender: 'male' | 'female', korean: boolean): string {
  const surname = korean && random.chance(0.8) ? koreanSurnames(random) : surnames(random);
  const pool = gender === 'male' ? maleGiven : femaleGiven;
  // About two in three names of people born after 1950 have two given characters.
  return random.chance(0.65) ? surname + random.pick(middle) + random.pick(pool) : surname + random.pick(pool);
}

const tradeCharacters = '鑫达华泰恒信宏兴隆盛昌祥瑞丰源通安福顺嘉诚东方北新天宇金鼎中联永汇正大宝利亚欣荣润博远海创腾飞凯德佳一长吉松原白山鹤龙'.split('');

/** An industry word and the legal forms that go with it, by GB/T 4754 section. */
export const industryWords: Record<string, readonly string[]> = {
  A: ['农业发展', '粮食', '农牧', '林业', '渔业'],
  B: ['矿业', '煤业', '石材'],
  C: ['机械制造', '汽车零部件', '化工', '食品', '制药', '建材', '纺织', '电子', '冶金', '木业', '酿酒', '印刷'],
  D: ['热电', '电力', '燃气', '供热', '水务'],
  E: ['建筑工程', '路桥', '装饰工程', '安装工程'],
  F: ['商贸', '百货', '超市', '物资', '医药连锁'],
  G: ['运输', '物流', '客运', '出租汽车'],
  H: ['酒店', '宾馆', '餐饮'],
  I: ['信息技术', '网络科技', '软件'],
  J: ['银行', '保险', '信用社'],
  K: ['房地产开发', '物业管理'],
  L: ['人力资源', '保安服务', '广告'],
  M: ['科技', '勘察设计', '检测'],
  N: ['环境卫生', '园林绿化'],
  O: ['家政服务', '洗浴', '汽车维修'],
  P: ['学校', '幼儿园', '职业学校'],
  Q: ['医院', '卫生院', '社区卫生服务中心'],
  R: ['文化传媒', '体育', '影剧院'],
  S: ['街道办事处', '局', '委员会'],
};

/** Institutions and agencies are named by their place; enterprises carry a trade name and a legal form. */
export function employerName(random: Random, place: string, industry: string, ownership: string): string {
  const word = random.pick(industryWords[industry] ?? ['商贸']);
  const trade = random.pick(tradeCharacters) + random.pick(tradeCharacters);
  if (ownership === 'public_institution' || ownership === 'agency') {
    if (industry === 'P') return `${place}第${random.int(1, 30)}${word === '学校' ? random.pick(['中学', '小学']) : word}`;
    if (industry === 'Q') return `${place}${random.pick(['人民', '中医', '妇幼', '第二人民', '中心'])}${word === '医院' ? '医院' : word}`;
    if (industry === 'S') return `${place}${random.pick(['人力资源和社会保障', '住房和城乡建设', '交通运输', '农业', '水利', '商务', '民政', '财政'])}${word === '委员会' ? '委员会' : '局'}`;
    return `${place}${trade}${word}中心`;
  }
  const form =
    ownership === 'state' ? random.pick(['有限责任公司', '集团有限公司', '股份有限公司'])
    : ownership === 'collective' ? random.pick(['厂', '合作社', '有限公司'])
    : ownership === 'foreign' || ownership === 'hmt' ? random.pick(['有限公司', '（中国）有限公司'])
    : random.pick(['有限公司', '有限责任公司', '有限公司', '商行', '股份有限公司']);
  return `${place}${trade}${word}${form}`;
}

const allianceKinds = ['餐饮行业', '商贸行业', '建筑行业', '物流行业', '社区', '楼宇', '个体劳动者', '家政服务行业', '物业行业', '工业园区'];

export function allianceName(random: Random, township: string): string {
  return `${township}${random.pick(allianceKinds)}工会联合会`;
}

export const jobs: Record<string, readonly string[]> = {
  default: ['职员', '工人', '技术员', '销售员', '会计', '司机', '管理人员', '操作工', '保管员'],
  C: ['操作工', '钳工', '焊工', '电工', '质检员', '技术员', '车工'],
  P: ['教师', '教师', '行政人员'],
  Q: ['医生', '护士', '药剂师', '行政人员'],
  H: ['服务员', '厨师', '收银员'],
  F: ['营业员', '收银员', '采购员'],
  G: ['司机', '调度员', '装卸工'],
};
