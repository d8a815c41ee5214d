// Demo campaigns beside the San José petition, so listings, states and counts look real.
// Targets use addresses at reserved .example domains only: no real official is ever emailed
// from a dev machine.
import { SAN_JOSE_SLUG, sanJoseSources, sanJoseTranslations } from './san-jose';
import { listCityPostalCodes } from '@undersigned/core';

export interface SeedTarget {
  key: string;
  title: string;
  givenName?: string;
  familyName?: string;
  organization: string;
  email: string;
  ocdDivisionId: string;
  postalCodes: string[];
}

export interface SeedCampaign {
  slug: string;
  /** State the campaign ends in (signatures are seeded while it is published). */
  status: 'draft' | 'published' | 'closed' | 'victory';
  goal: number;
  requireConfirmation?: boolean;
  daysAgo: number;
  targetKeys: string[];
  constituentsOnly?: boolean;
  demoSignatures: number;
  /** ZIPs the demo signers mostly come from. */
  homeZips: string[];
  translations: {
    en: { title: string; summary: string; ask: string; body: string; victoryMessage?: string };
    es: { title: string; summary: string; ask: string; body: string; victoryMessage?: string };
  };
  sources: { citation: string; url: string | null }[];
}

const zipsOf = (city: string, state = 'CA') => listCityPostalCodes(city, state);
export const SAN_JOSE_ZIPS = zipsOf('San Jose');
const OAKLAND_ZIPS = zipsOf('Oakland');
const SANTA_CLARA_COUNTY_ZIPS = [...SAN_JOSE_ZIPS, ...zipsOf('Santa Clara'), ...zipsOf('Sunnyvale'), ...zipsOf('Mountain View')];

export const targets: SeedTarget[] = [
  {
    key: 'liccardo',
    title: 'Mayor',
    givenName: 'Sam',
    familyName: 'Liccardo',
    organization: 'City of San José',
    email: 'mayor@sanjose-city.example',
    ocdDivisionId: 'ocd-division/country:us/state:ca/place:san_jose',
    postalCodes: SAN_JOSE_ZIPS,
  },
  {
    key: 'sj-council',
    title: 'City Council',
    organization: 'San José City Council',
    email: 'council@sanjose-city.example',
    ocdDivisionId: 'ocd-division/country:us/state:ca/place:san_jose',
    postalCodes: SAN_JOSE_ZIPS,
  },
  {
    key: 'oakland-council',
    title: 'City Council',
    organization: 'Oakland City Council',
    email: 'council@oakland-city.example',
    ocdDivisionId: 'ocd-division/country:us/state:ca/place:oakland',
    postalCodes: OAKLAND_ZIPS,
  },
  {
    key: 'scc-supervisors',
    title: 'Board of Supervisors',
    organization: 'Santa Clara County Board of Supervisors',
    email: 'board@sccgov.example',
    ocdDivisionId: 'ocd-division/country:us/state:ca/county:santa_clara',
    postalCodes: SANTA_CLARA_COUNTY_ZIPS,
  },
  {
    key: 'ca-senate',
    title: 'State Senate',
    organization: 'California State Senate',
    email: 'senate@ca-legislature.example',
    ocdDivisionId: 'ocd-division/country:us/state:ca',
    postalCodes: [],
  },
];

export const campaigns: SeedCampaign[] = [
  {
    slug: SAN_JOSE_SLUG,
    status: 'published',
    goal: 10000,
    daysAgo: 21,
    targetKeys: ['liccardo'],
    constituentsOnly: true,
    demoSignatures: 260,
    homeZips: SAN_JOSE_ZIPS,
    translations: sanJoseTranslations,
    sources: sanJoseSources,
  },
  {
    slug: 'oakland-no-ice-cooperation',
    status: 'published',
    goal: 2500,
    daysAgo: 12,
    targetKeys: ['oakland-council'],
    demoSignatures: 70,
    homeZips: OAKLAND_ZIPS,
    translations: {
      en: {
        title: 'Oakland: no city resources for deportations',
        summary: 'Ask the Oakland City Council to guarantee that no city staff, data or money helps ICE deport our neighbors.',
        ask: 'Adopt an ordinance guaranteeing that no Oakland staff time, databases, facilities or funds are used to assist federal immigration enforcement, and publish an annual report proving it.',
        body: 'Oakland has been a sanctuary city since 1986, but policy on paper is not enough. Residents deserve an enforceable rule and a public report every year showing that city resources are not being used to help tear families apart.\n\nThe Council can act this session.[^1]',
      },
      es: {
        title: 'Oakland: ningún recurso de la ciudad para deportaciones',
        summary:
          'Pídale al Concejo Municipal de Oakland que garantice que ni personal, ni datos ni dinero de la ciudad ayuden a ICE a deportar a nuestros vecinos.',
        ask: 'Adopten una ordenanza que garantice que no se use tiempo del personal, bases de datos, instalaciones ni fondos de Oakland para colaborar con la aplicación federal de las leyes de inmigración, y publiquen un informe anual que lo demuestre.',
        body: 'Oakland es ciudad santuario desde 1986, pero una política en papel no basta. Los residentes merecen una norma exigible y un informe público cada año que demuestre que los recursos de la ciudad no se usan para separar familias.\n\nEl Concejo puede actuar en esta sesión.[^1]',
      },
    },
    sources: [{ citation: 'City of Oakland, Resolution No. 63950 C.M.S. (1986), declaring Oakland a City of Refuge.', url: null }],
  },
  {
    slug: 'santa-clara-county-legal-defense',
    status: 'draft',
    goal: 5000,
    daysAgo: 2,
    targetKeys: ['scc-supervisors'],
    constituentsOnly: true,
    demoSignatures: 0,
    homeZips: SANTA_CLARA_COUNTY_ZIPS,
    translations: {
      en: {
        title: 'Santa Clara County: a lawyer for everyone facing deportation',
        summary: 'Ask the Board of Supervisors to fund legal representation for every county resident in immigration court.',
        ask: 'Fund universal legal representation for Santa Clara County residents facing deportation proceedings.',
        body: 'People with a lawyer are many times more likely to win their immigration case than people without one. The county can close that gap.',
      },
      es: {
        title: 'Condado de Santa Clara: un abogado para cada persona en riesgo de deportación',
        summary:
          'Pídale a la Junta de Supervisores que financie representación legal para todos los residentes del condado en la corte de inmigración.',
        ask: 'Financien la representación legal universal para los residentes del condado de Santa Clara que enfrentan procesos de deportación.',
        body: 'Las personas con abogado tienen muchas más probabilidades de ganar su caso de inmigración que quienes no lo tienen. El condado puede cerrar esa brecha.',
      },
    },
    sources: [],
  },
  {
    slug: 'california-values-act',
    status: 'victory',
    goal: 1000,
    daysAgo: 60,
    targetKeys: ['ca-senate'],
    demoSignatures: 45,
    homeZips: [...SAN_JOSE_ZIPS, ...OAKLAND_ZIPS],
    translations: {
      en: {
        title: 'California: pass the California Values Act',
        summary: 'Ask the State Senate to limit state and local cooperation with federal immigration enforcement.',
        ask: 'Pass the California Values Act to keep state and local law enforcement out of federal immigration enforcement.',
        body: 'Schools, hospitals and courthouses must be places where every Californian is safe to go.',
        victoryMessage: 'We won! The California Values Act passed. Thank you to everyone who signed and shared.',
      },
      es: {
        title: 'California: aprueben la Ley de Valores de California',
        summary: 'Pídale al Senado estatal que limite la cooperación estatal y local con la aplicación federal de las leyes de inmigración.',
        ask: 'Aprueben la Ley de Valores de California para que las fuerzas del orden estatales y locales no participen en la aplicación federal de las leyes de inmigración.',
        body: 'Las escuelas, los hospitales y los tribunales deben ser lugares seguros para todas las personas en California.',
        victoryMessage: '¡Ganamos! Se aprobó la Ley de Valores de California. Gracias a todas las personas que firmaron y compartieron.',
      },
    },
    sources: [],
  },
  {
    slug: 'san-jose-libraries-sundays',
    status: 'closed',
    goal: 500,
    daysAgo: 40,
    targetKeys: ['sj-council'],
    demoSignatures: 30,
    homeZips: SAN_JOSE_ZIPS,
    translations: {
      en: {
        title: 'Keep San José libraries open on Sundays',
        summary: 'Ask the City Council to restore Sunday hours at every branch library.',
        ask: 'Restore Sunday opening hours at every San José branch library in the next budget.',
        body: 'Sunday is when working families can get to the library. Restoring the hours costs less than one percent of the library budget.',
      },
      es: {
        title: 'Que las bibliotecas de San José abran los domingos',
        summary: 'Pídale al Concejo Municipal que restablezca el horario dominical en todas las bibliotecas.',
        ask: 'Restablezcan el horario de los domingos en todas las bibliotecas de San José en el próximo presupuesto.',
        body: 'El domingo es cuando las familias trabajadoras pueden ir a la biblioteca. Restablecer el horario cuesta menos del uno por ciento del presupuesto de bibliotecas.',
      },
    },
    sources: [],
  },
];
