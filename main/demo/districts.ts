/**
 * The 77 Czech districts of Berka's district.asc: one branch each. Berka columns kept: A1 id,
 * A2 name (diacritics restored), A3 region, A4 inhabitants, A11 average wage (CZK, 1995) and the
 * number of client.asc clients living there (the customer mix). Added: the branch town (the
 * district seat), its postcode and its landline area code.
 */
export interface District {
  readonly berkaId: number;
  readonly name: string;
  readonly town: string;
  readonly region: string;
  readonly inhabitants: number;
  readonly avgWageCzk: number;
  readonly berkaClients: number;
  readonly postcode: string;
  readonly areaCode: string;
}

type Raw = readonly [number, string, string, number, number, number, string, string];

const REGIONS: Record<string, string> = {
  P: 'Prague',
  CB: 'Central Bohemia',
  SB: 'South Bohemia',
  WB: 'West Bohemia',
  NB: 'North Bohemia',
  EB: 'East Bohemia',
  SM: 'South Moravia',
  NM: 'North Moravia',
};

// [id, district[|town], region, inhabitants, avg wage, clients, postcode, area code]
const RAW: readonly Raw[] = [
  [1, 'Hlavní město Praha|Praha', 'P', 1204953, 12541, 663, '110 00', '224'],
  [2, 'Benešov', 'CB', 88884, 8507, 46, '256 01', '317'],
  [3, 'Beroun', 'CB', 75232, 8980, 63, '266 01', '311'],
  [4, 'Kladno', 'CB', 149893, 9753, 50, '272 01', '312'],
  [5, 'Kolín', 'CB', 95616, 9307, 71, '280 02', '321'],
  [6, 'Kutná Hora', 'CB', 77963, 8546, 53, '284 01', '327'],
  [7, 'Mělník', 'CB', 94725, 9920, 45, '276 01', '315'],
  [8, 'Mladá Boleslav', 'CB', 112065, 11277, 69, '293 01', '326'],
  [9, 'Nymburk', 'CB', 81344, 8899, 60, '288 02', '325'],
  [10, 'Praha-východ|Brandýs nad Labem', 'CB', 92084, 10124, 54, '250 01', '326'],
  [11, 'Praha-západ|Černošice', 'CB', 75637, 9622, 56, '252 28', '251'],
  [12, 'Příbram', 'CB', 107870, 8754, 44, '261 01', '318'],
  [13, 'Rakovník', 'CB', 53921, 8598, 53, '269 01', '313'],
  [14, 'České Budějovice', 'SB', 177686, 10045, 45, '370 01', '387'],
  [15, 'Český Krumlov', 'SB', 58796, 9045, 63, '381 01', '380'],
  [16, 'Jindřichův Hradec', 'SB', 93931, 8427, 61, '377 01', '384'],
  [17, 'Pelhřimov', 'SB', 74062, 8114, 54, '393 01', '565'],
  [18, 'Písek', 'SB', 70699, 8968, 60, '397 01', '382'],
  [19, 'Prachatice', 'SB', 51428, 8402, 66, '383 01', '388'],
  [20, 'Strakonice', 'SB', 70646, 8547, 43, '386 01', '383'],
  [21, 'Tábor', 'SB', 103347, 9104, 57, '390 01', '381'],
  [22, 'Domažlice', 'WB', 58400, 8620, 51, '344 01', '379'],
  [23, 'Cheb', 'WB', 87419, 8624, 53, '350 02', '354'],
  [24, 'Karlovy Vary', 'WB', 122603, 8991, 43, '360 01', '353'],
  [25, 'Klatovy', 'WB', 88757, 8554, 48, '339 01', '376'],
  [26, 'Plzeň-město|Plzeň', 'WB', 170449, 10787, 50, '301 00', '377'],
  [27, 'Plzeň-jih|Přeštice', 'WB', 67298, 8561, 55, '334 01', '377'],
  [28, 'Plzeň-sever|Nýřany', 'WB', 72541, 8594, 54, '330 23', '377'],
  [29, 'Rokycany', 'WB', 45714, 8843, 54, '337 01', '371'],
  [30, 'Sokolov', 'WB', 94812, 9650, 48, '356 01', '352'],
  [31, 'Tachov', 'WB', 51313, 8930, 59, '347 01', '374'],
  [32, 'Česká Lípa', 'NB', 105058, 9272, 55, '470 01', '487'],
  [33, 'Děčín', 'NB', 133777, 8705, 69, '405 02', '412'],
  [34, 'Chomutov', 'NB', 125236, 9675, 45, '430 01', '474'],
  [35, 'Jablonec nad Nisou', 'NB', 88768, 8867, 56, '466 01', '483'],
  [36, 'Liberec', 'NB', 159617, 9198, 67, '460 01', '485'],
  [37, 'Litoměřice', 'NB', 114006, 9065, 48, '412 01', '416'],
  [38, 'Louny', 'NB', 85852, 8965, 65, '440 01', '415'],
  [39, 'Most', 'NB', 119895, 10446, 52, '434 01', '476'],
  [40, 'Teplice', 'NB', 128118, 9317, 59, '415 01', '417'],
  [41, 'Ústí nad Labem', 'NB', 118650, 9832, 45, '400 01', '475'],
  [42, 'Havlíčkův Brod', 'EB', 95907, 8388, 59, '580 01', '569'],
  [43, 'Hradec Králové', 'EB', 161854, 9425, 55, '500 02', '495'],
  [44, 'Chrudim', 'EB', 105606, 8254, 54, '537 01', '469'],
  [45, 'Jičín', 'EB', 77917, 8390, 52, '506 01', '493'],
  [46, 'Náchod', 'EB', 112709, 8369, 76, '547 01', '491'],
  [47, 'Pardubice', 'EB', 162580, 9538, 63, '530 02', '466'],
  [48, 'Rychnov nad Kněžnou', 'EB', 78955, 9060, 60, '516 01', '494'],
  [49, 'Semily', 'EB', 75685, 8208, 46, '513 01', '481'],
  [50, 'Svitavy', 'EB', 102609, 8187, 61, '568 02', '461'],
  [51, 'Trutnov', 'EB', 121947, 8541, 61, '541 01', '499'],
  [52, 'Ústí nad Orlicí', 'EB', 139012, 8363, 73, '562 01', '465'],
  [53, 'Blansko', 'SM', 107911, 8240, 57, '678 01', '516'],
  [54, 'Brno-město|Brno', 'SM', 387570, 9897, 155, '602 00', '542'],
  [55, 'Brno-venkov|Šlapanice', 'SM', 157042, 8743, 63, '664 51', '544'],
  [56, 'Břeclav', 'SM', 124605, 8772, 54, '690 02', '519'],
  [57, 'Hodonín', 'SM', 161954, 8720, 51, '695 01', '518'],
  [58, 'Jihlava', 'SM', 109164, 8757, 44, '586 01', '567'],
  [59, 'Kroměříž', 'SM', 108871, 8444, 64, '767 01', '573'],
  [60, 'Prostějov', 'SM', 110643, 8441, 61, '796 01', '582'],
  [61, 'Třebíč', 'SM', 117897, 8814, 54, '674 01', '568'],
  [62, 'Uherské Hradiště', 'SM', 145688, 8544, 59, '686 01', '572'],
  [63, 'Vyškov', 'SM', 86513, 8288, 56, '682 01', '517'],
  [64, 'Zlín', 'SM', 197099, 9624, 109, '760 01', '577'],
  [65, 'Znojmo', 'SM', 114200, 8403, 44, '669 02', '515'],
  [66, 'Žďár nad Sázavou', 'SM', 125832, 8512, 66, '591 01', '566'],
  [67, 'Bruntál', 'NM', 106054, 8110, 45, '792 01', '554'],
  [68, 'Frýdek-Místek', 'NM', 228848, 9893, 86, '738 01', '558'],
  [69, 'Jeseník', 'NM', 42821, 8173, 61, '790 01', '584'],
  [70, 'Karviná', 'NM', 285387, 10177, 169, '733 01', '596'],
  [71, 'Nový Jičín', 'NM', 161227, 8678, 48, '741 01', '556'],
  [72, 'Olomouc', 'NM', 226122, 8994, 104, '779 00', '585'],
  [73, 'Opava', 'NM', 182027, 8746, 60, '746 01', '553'],
  [74, 'Ostrava-město|Ostrava', 'NM', 323870, 10673, 180, '702 00', '596'],
  [75, 'Přerov', 'NM', 138032, 8819, 56, '750 02', '581'],
  [76, 'Šumperk', 'NM', 127369, 8369, 61, '787 01', '583'],
  [77, 'Vsetín', 'NM', 148545, 8909, 50, '755 01', '571'],
];

export const DISTRICTS: readonly District[] = RAW.map(([berkaId, names, region, inhabitants, avgWageCzk, berkaClients, postcode, areaCode]) => {
  const [name, town] = names.split('|');
  return { berkaId, name: name ?? names, town: town ?? name ?? names, region: REGIONS[region] ?? region, inhabitants, avgWageCzk, berkaClients, postcode, areaCode };
});

/** Population-weighted mean of A11 (1995 CZK): the national reference the district wage is compared to. */
export const NATIONAL_AVG_WAGE_CZK = (() => {
  let w = 0;
  let s = 0;
  for (const d of DISTRICTS) {
    w += d.inhabitants;
    s += d.inhabitants * d.avgWageCzk;
  }
  return s / w;
})();
