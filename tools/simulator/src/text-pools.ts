/**
 * Word pools for generated users and chat. The first entries of each pool are taken from the real
 * samples; the rest add the corners a decoder must survive: '/', '@', '@S' and '@A' inside text
 * (the escape-order bugs), emoji outside the BMP, full-width punctuation, and empty strings.
 */

export const NICKNAMES = [
  '教主的飞机杯',
  '晴臣183',
  '须予银鞍绣毂迎倾心人',
  '一闪一闪亮品品',
  '卡卡罗特u丶',
  '王嘉尔一个人',
  'Heroes728',
  'M丶不请自来',
  '僵尸王rua',
  '唯余相思',
  '漆黑的魅影J',
  '132456789kl',
  '梦卡比之誓言',
  '木亦哥哥',
  '卖血哥的小脑阔',
  '明天你好啊丷',
  '黄金狮子',
  'Archy木昜',
  '豆子丶小粉丝',
  'likaka',
  '烟花易冷cold17322',
  '向来情深奈缘浅',
  'Koala哥',
  '巴蒂batigoal',
  '小鱼🐟',
  '🔥火力全开🔥',
  'a/b',
  '@Sam',
  'user@douyu',
  '@A@S',
] as const;

export const NICKNAME_SUFFIXES = [
  '',
  '',
  '',
  '丶',
  '丷',
  '_',
  '666',
  '🌸',
  'つ',
  '123',
  '/',
  '@',
] as const;

export const CHAT_TEXTS = [
  '移动',
  '冷门歌手哎，声音独特哎',
  '丐帮每日福利',
  '小桀加油😊',
  '为主播点了个赞',
  'POM急了 可以等龙骑跳先手的',
  '糯糯不敢玩龚建？',
  '[emot:dy118][emot:dy118]',
  '评完可以和小白鸽一起吃鸡',
  '玩的是自定义吗／？',
  '这应该也就18左右吧',
  '666',
  '哈哈哈哈哈哈',
  '主播晚上好',
  '1/2',
  'a/b/c',
  '@Sam 你好',
  '@主播 看弹幕',
  '@A 和 @S 不是转义',
  '比分 3/1 了',
  'https://www.douyu.com/9999',
  'me@example.com',
  '👍👍👍',
  '🔥🔥 冲冲冲',
  'ok',
  '',
  '////',
  '@@@',
  '前方高能！！！',
  'GG',
] as const;

export const GIFT_IDS = [824, 192, 191, 519, 196, 20000, 20002, 20003, 1859, 20541] as const;

export const GIFT_NAMES = ['火箭', '飞机', '城堡', '赞', '荧光棒', '办卡', '超级火箭'] as const;

export const BADGE_NAMES = [
  '莉卡',
  '小僵尸',
  '豆霸霸',
  '教主丶',
  '偏心p',
  '雨酱灬',
  '大马猴',
  'Wx',
] as const;

export const ANCHOR_NAMES = [
  '小俊蜀黍',
  'White55开解说',
  '木木一mango',
  '環妹你好',
  '雪傲娇丶',
  '妮妮别吃了',
  '野鸡娘娘',
  '纳豆nado',
  '糯糯p',
] as const;

export const SUPER_DANMAKU_TEXTS = [
  '哇！这个主播要送粉丝2000块钱！！',
  '新游中心每日一款好游戏，复刻FC时代《足球小将》手游，梦回南葛找回童年的大空翼！',
  '今晚8点/9点双场直播 @全体',
] as const;
