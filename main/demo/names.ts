import type { Rng } from './random';

/**
 * People and places for the demo bank. Berka is Czech, so customers are too: common Czech given
 * names and surnames (with the feminine surname form), streets found in most Czech towns.
 * Weights roughly follow frequency; nothing here identifies a real person.
 */

const MALE_GIVEN =
  'Jiří Jan Petr Josef Pavel Martin Tomáš Jaroslav Miroslav Zdeněk Václav Michal František Karel Milan Lukáš Jakub David Vladimír Ondřej Ladislav Stanislav Roman Marek Daniel Radek Antonín Vojtěch Filip Adam Matěj Aleš Libor Luboš Dominik Vít Štěpán Patrik Jindřich Oldřich'.split(
    ' ',
  );
const FEMALE_GIVEN =
  'Jana Marie Eva Hana Anna Lenka Kateřina Lucie Věra Alena Petra Veronika Jaroslava Tereza Martina Michaela Jitka Helena Ludmila Zdeňka Ivana Monika Eliška Zuzana Markéta Jarmila Barbora Kristýna Adéla Klára Dagmar Vlasta Natálie Karolína Simona Pavla Irena Miroslava Božena Renata'.split(
    ' ',
  );

/** [masculine, feminine] surname forms. */
const SURNAMES: ReadonlyArray<readonly [string, string]> = (
  'Novák:Nováková Svoboda:Svobodová Novotný:Novotná Dvořák:Dvořáková Černý:Černá Procházka:Procházková ' +
  'Kučera:Kučerová Veselý:Veselá Horák:Horáková Němec:Němcová Marek:Marková Pospíšil:Pospíšilová ' +
  'Pokorný:Pokorná Hájek:Hájková Král:Králová Jelínek:Jelínková Růžička:Růžičková Beneš:Benešová ' +
  'Fiala:Fialová Sedláček:Sedláčková Doležal:Doležalová Zeman:Zemanová Kolář:Kolářová Navrátil:Navrátilová ' +
  'Čermák:Čermáková Vaněk:Vaňková Urban:Urbanová Blažek:Blažková Kříž:Křížová Kovář:Kovářová ' +
  'Kratochvíl:Kratochvílová Bartoš:Bartošová Vlček:Vlčková Polák:Poláková Musil:Musilová Kopecký:Kopecká ' +
  'Šimek:Šimková Konečný:Konečná Malý:Malá Holub:Holubová Čech:Čechová Štěpánek:Štěpánková ' +
  'Staněk:Staňková Kadlec:Kadlecová Dostál:Dostálová Soukup:Soukupová Šťastný:Šťastná Mareš:Marešová ' +
  'Moravec:Moravcová Sýkora:Sýkorová Tichý:Tichá Valenta:Valentová Vávra:Vávrová Matoušek:Matoušková ' +
  'Bláha:Bláhová Říha:Říhová Ševčík:Ševčíková Bureš:Burešová Hrubý:Hrubá Mašek:Mašková ' +
  'Dušek:Dušková Pavlík:Pavlíková Janda:Jandová Hruška:Hrušková'
)
  .split(' ')
  .map((pair) => {
    const [m, f] = pair.split(':');
    return [m ?? pair, f ?? pair] as const;
  });

export const STREETS = (
  'Masarykova|Nádražní|Husova|Školní|Komenského|Palackého|Jiráskova|Tyršova|Havlíčkova|Smetanova|' +
  'Sokolovská|Zahradní|Lidická|Riegrova|Žižkova|Revoluční|Polní|Krátká|Luční|Nerudova|Dvořákova|' +
  'Jungmannova|Purkyňova|Wolkerova|Družstevní|Pražská|Brněnská|Spojovací|Lipová|Na Výsluní|U Stadionu|' +
  'Nová|Sadová|Čs. armády|Bezručova|Svatopluka Čecha|Alšova|Mánesova|Fügnerova|Kollárova'
).split('|');

/** Town-centre addresses for branches. */
export const BRANCH_STREETS = ['Masarykovo náměstí', 'náměstí Míru', 'Palackého', 'Husova', 'náměstí Republiky', 'Nádražní', 'Komenského', 'Tyršova'];

export function givenName(rng: Rng, female: boolean): string {
  // Earlier entries are more common: a gentle rank-based skew.
  const list = female ? FEMALE_GIVEN : MALE_GIVEN;
  return list[Math.floor(Math.pow(rng.next(), 1.6) * list.length)] ?? (list[0] as string);
}

export function surname(rng: Rng, female: boolean): string {
  const pair = SURNAMES[Math.floor(Math.pow(rng.next(), 1.4) * SURNAMES.length)] ?? SURNAMES[0];
  if (!pair) throw new Error('surname list is empty');
  return female ? pair[1] : pair[0];
}

/** A random person's full name, given name and surname forms agreeing in gender. */
export function randomPerson(rng: Rng, femaleShare = 0.5): string {
  const female = rng.chance(femaleShare);
  return `${givenName(rng, female)} ${surname(rng, female)}`;
}

/** A relative of someone with `family` as surname: the same surname in the relative's gender form. */
export function relative(rng: Rng, family: string): string {
  const female = rng.chance(0.5);
  const pair = SURNAMES.find(([m, f]) => m === family || f === family);
  return `${givenName(rng, female)} ${pair ? pair[female ? 1 : 0] : family}`;
}

/** Plain ASCII for e-mail local parts: "Jiří Dvořák" → "jiri.dvorak". */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export const EMAIL_DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ['seznam.cz', 34],
  ['gmail.com', 30],
  ['email.cz', 12],
  ['centrum.cz', 8],
  ['post.cz', 5],
  ['outlook.com', 6],
  ['volny.cz', 3],
  ['icloud.com', 2],
];

/** Occupations by life stage; weights are rough shares of the Czech workforce. */
export const OCCUPATIONS: ReadonlyArray<readonly [string, number]> = [
  ['Machine operator', 9],
  ['Sales assistant', 8],
  ['Office administrator', 7],
  ['Teacher', 5],
  ['Nurse', 4],
  ['Driver', 5],
  ['Electrician', 3],
  ['Mechanical engineer', 4],
  ['Software developer', 3],
  ['Accountant', 4],
  ['Warehouse worker', 5],
  ['Civil servant', 4],
  ['Cook', 3],
  ['Construction worker', 4],
  ['Doctor', 1],
  ['Police officer', 1],
  ['Social worker', 2],
  ['Logistics coordinator', 2],
  ['Sales representative', 3],
  ['Lab technician', 1],
  ['Hairdresser', 1],
  ['Project manager', 2],
  ['Researcher', 1],
  ['Pharmacist', 1],
];
export const SELF_EMPLOYED_OCCUPATIONS: ReadonlyArray<readonly [string, number]> = [
  ['Self-employed tradesman', 5],
  ['Shop owner', 3],
  ['Restaurant owner', 2],
  ['Self-employed carpenter', 2],
  ['Farmer', 2],
  ['Market trader', 2],
  ['Freelance consultant', 2],
  ['Taxi driver', 2],
  ['Car repair shop owner', 1],
];
