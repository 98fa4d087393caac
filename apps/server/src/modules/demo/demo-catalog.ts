/**
 * The hot-pot restaurant's menu: a category tree and about 40 products. Prices are in minor units
 * of TWD as ISO 4217 defines them (1/100 dollar, two decimals), like every amount in Regulars:
 * NT$380 is 38000.
 */
export type DemoCategory = { key: string; name: string; parent: string | null };
export type DemoProduct = {
  sku: string;
  name: string;
  /** NT dollars; stored ×100. */
  price: number;
  category: string;
  tags: string[];
};

export const TWD = 100;

export const DEMO_CATEGORIES: DemoCategory[] = [
  { key: 'broth', name: '鍋底', parent: null },
  { key: 'meat', name: '肉品', parent: null },
  { key: 'beef', name: '牛肉', parent: 'meat' },
  { key: 'pork', name: '豬肉', parent: 'meat' },
  { key: 'lamb', name: '羊肉與雞肉', parent: 'meat' },
  { key: 'seafood', name: '海鮮', parent: null },
  { key: 'veg', name: '蔬菜', parent: null },
  { key: 'hotpot-items', name: '火鍋料', parent: 'veg' },
  { key: 'drinks', name: '飲料', parent: null },
  { key: 'soft', name: '無酒精飲料', parent: 'drinks' },
  { key: 'alcohol', name: '酒類', parent: 'drinks' },
  { key: 'dessert', name: '甜點', parent: null },
  { key: 'sauce', name: '醬料', parent: null },
];

const p = (sku: string, name: string, price: number, category: string, tags: string[] = []) => ({
  sku,
  name,
  price,
  category,
  tags,
});

export const DEMO_PRODUCTS: DemoProduct[] = [
  p('BR-MALA', '招牌麻辣鍋', 380, 'broth', ['招牌', '辣']),
  p('BR-YUANYANG', '鴛鴦鍋（麻辣／昆布）', 420, 'broth', ['辣']),
  p('BR-KOMBU', '昆布蔬菜鍋', 280, 'broth', ['素']),
  p('BR-TOMATO', '番茄牛奶鍋', 320, 'broth'),
  p('BR-SUANCAI', '酸菜白肉鍋', 340, 'broth'),
  p('BR-HERBAL', '養生藥膳鍋', 360, 'broth'),
  p('BF-US-PRIME', '美國 Prime 牛小排', 680, 'beef', ['招牌']),
  p('BF-WAGYU', '日本和牛 A5', 1280, 'beef', ['高價']),
  p('BF-TONGUE', '厚切牛舌', 420, 'beef'),
  p('BF-TRIPE', '牛肚', 260, 'beef'),
  p('PK-KUROBUTA', '伊比利黑豬梅花', 380, 'pork'),
  p('PK-BELLY', '五花肉片', 280, 'pork'),
  p('PK-INTESTINE', '滷大腸', 220, 'pork', ['辣']),
  p('LM-SLICES', '紐西蘭羊肉片', 320, 'lamb'),
  p('CK-THIGH', '去骨雞腿肉', 240, 'lamb'),
  p('SF-SHRIMP', '活草蝦', 380, 'seafood'),
  p('SF-CLAM', '蛤蜊', 220, 'seafood'),
  p('SF-SQUID', '花枝漿', 260, 'seafood'),
  p('SF-FISH', '鯛魚片', 240, 'seafood'),
  p('SF-PLATTER', '海鮮拼盤', 880, 'seafood', ['分享']),
  p('VG-PLATTER', '綜合蔬菜盤', 180, 'veg', ['素']),
  p('VG-MUSHROOM', '菇菇拼盤', 200, 'veg', ['素']),
  p('VG-CABBAGE', '高麗菜', 120, 'veg', ['素']),
  p('VG-TOFU', '凍豆腐', 90, 'hotpot-items', ['素']),
  p('VG-DUCKBLOOD', '麻辣鴨血', 120, 'hotpot-items', ['辣', '招牌']),
  p('VG-TARO', '芋頭', 110, 'hotpot-items', ['素']),
  p('VG-DUMPLING', '手工蛋餃', 150, 'hotpot-items'),
  p('VG-NOODLE', '寬粉', 80, 'hotpot-items', ['素']),
  p('DR-PLUM', '古早味酸梅湯', 60, 'soft', ['招牌']),
  p('DR-TEA', '冬瓜檸檬', 60, 'soft'),
  p('DR-SOY', '豆漿', 50, 'soft'),
  p('DR-COKE', '可樂', 50, 'soft'),
  p('DR-BEER', '台灣啤酒', 90, 'alcohol'),
  p('DR-KAOLIANG', '金門高粱（小）', 480, 'alcohol', ['宴客']),
  p('DR-WINE', '紅酒（瓶）', 1200, 'alcohol', ['宴客']),
  p('DS-ICECREAM', '哈根達斯冰淇淋', 120, 'dessert'),
  p('DS-TOFUPUDDING', '杏仁豆腐', 80, 'dessert'),
  p('DS-SHAVEDICE', '芒果剉冰', 150, 'dessert', ['季節']),
  p('SC-BAR', '醬料吧（每位）', 30, 'sauce'),
  p('SC-GARLIC', '蒜泥沙茶醬', 20, 'sauce'),
  p('SC-CHILI', '自製辣油', 20, 'sauce', ['辣']),
];

export const productBySku = new Map(DEMO_PRODUCTS.map((x) => [x.sku, x]));
