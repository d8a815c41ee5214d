// Deterministic demo signers (a seeded PRNG), so re-running the seed produces the same people.

const GIVEN = [
  'María',
  'José',
  'Guadalupe',
  'Juan',
  'Ana',
  'Luis',
  'Rosa',
  'Carlos',
  'Linh',
  'Minh',
  'Priya',
  'Arjun',
  'Fatima',
  'Omar',
  'Grace',
  'David',
  'Sofía',
  'Diego',
  'Mei',
  'Wei',
  'Aisha',
  'Samuel',
  'Leticia',
  'Jorge',
  'Thuy',
  'Nadia',
  'Emily',
  'Marcus',
  'Isabel',
  'Tomás',
  'Yesenia',
  'Kevin',
  'Hana',
  'Roberto',
  'Alejandra',
  'Chris',
];
const FAMILY = [
  'García',
  'Hernández',
  'Nguyen',
  'López',
  'Martínez',
  'Tran',
  'Rodríguez',
  'Patel',
  'Pérez',
  'Kim',
  'Sánchez',
  'Ramírez',
  'Le',
  'Chen',
  'Flores',
  'Gómez',
  'Singh',
  'Díaz',
  'Reyes',
  'Wong',
  'Cruz',
  'Morales',
  'Ortiz',
  'Johnson',
  'Vargas',
  'Castillo',
  'Pham',
  'Ali',
  'Jiménez',
  'Smith',
];
const COMMENTS_EN = [
  'My parents came here with nothing. San José is our home.',
  'Protect our neighbors. Families belong together.',
  'I teach in East San José and my students are scared. Please act.',
  'Sanctuary means something only if the city backs it up.',
  'We are all safer when everyone can call 911 without fear.',
];
const COMMENTS_ES = [
  'Mi familia trabaja y paga impuestos aquí. Merecemos vivir sin miedo.',
  'San José es nuestra casa. Proteja a nuestras familias.',
  'Las familias deben estar juntas.',
];
const OTHER_ZIPS = ['94110', '94601', '95050', '95035', '95014', '90012', '95814', '93901', '10027', '60608'];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export interface DemoSigner {
  givenName: string;
  familyName: string;
  email: string;
  postalCode: string;
  comment?: string;
  locale: 'en' | 'es';
  subscribe: boolean;
  source?: string;
  /** How long ago they signed, in minutes. */
  minutesAgo: number;
}

export function demoSigners(slug: string, count: number, homeZips: string[], maxDaysAgo: number): DemoSigner[] {
  const rand = mulberry32(hashString(slug));
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const sources = ['email', 'facebook', 'whatsapp', 'twitter', undefined, undefined];
  return Array.from({ length: count }, (_, i) => {
    const locale = rand() < 0.3 ? 'es' : 'en';
    const givenName = pick(GIVEN);
    const familyName = pick(FAMILY);
    const local = `${givenName}.${familyName}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    return {
      givenName,
      familyName,
      email: `${local}.${i}@demo.undersigned.example`,
      postalCode: rand() < 0.75 && homeZips.length ? pick(homeZips) : pick(OTHER_ZIPS),
      comment: rand() < 0.15 ? pick(locale === 'es' ? COMMENTS_ES : COMMENTS_EN) : undefined,
      locale,
      subscribe: rand() < 0.4,
      source: pick(sources),
      // Skewed toward recent days, like a real campaign's tail.
      minutesAgo: Math.floor(Math.pow(rand(), 2) * maxDaysAgo * 24 * 60),
    };
  });
}
