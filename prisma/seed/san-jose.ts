// The first campaign: CREDO Action's petition to San José Mayor Sam Liccardo (its text as
// published). It is seeded as an ordinary campaign record; nothing in code special-cases it.

export const SAN_JOSE_SLUG = 'san-jose-stand-with-immigrants';

export const sanJoseSources = [
  { citation: 'Tal Kopan, "What are sanctuary cities, and can they be defunded?," CNN, Jan. 25, 2017.', url: null },
  { citation: 'Jorge Cancino, "Helping undocumented immigrants now a crime under Trump," Univision, Jan. 27, 2017.', url: null },
  {
    citation: 'Ilya Somin, "Why Trump\u2019s executive order on sanctuary cities is unconstitutional," The Washington Post, Jan. 26, 2017.',
    url: null,
  },
  {
    citation:
      'Brian Bennett and Noah Bierman, "Trump orders moves on border wall and \u2018sanctuary cities\u2019 and is considering a refugee ban," Los Angeles Times, Jan. 25, 2017.',
    url: null,
  },
  { citation: 'Ben Dreyfuss, "A Federal Judge Just Issued a Stay Against Donald Trump\u2019s Muslim Ban," Mother Jones, Jan. 28, 2017.', url: null },
  {
    citation:
      'Alexandra Jaffe, "Priebus: Immigration Order \u2018Doesn\u2019t Include\u2019 Green Card Holders, But Anyone Traveling to Banned Countries Will Be \u2018Subjected to Further Screening,\u2019" NBC News, Jan. 29, 2017.',
    url: null,
  },
  { citation: 'David Bier, "Trump\u2019s immigration ban is illegal," The New York Times, Jan. 27, 2017.', url: null },
  {
    citation: 'Angela Dewan and Emily Smith, "What it\u2019s like in the 7 countries on Trump\u2019s travel ban list," CNN, Jan. 30, 2017.',
    url: null,
  },
  { citation: 'Liz Robbins, "Sanctuary City Mayors Vow to Defy Trump\u2019s Immigration Order," The New York Times, Jan. 25, 2017.', url: null },
];

const en = {
  title: 'San Jose must stand with immigrants and refugees',
  summary:
    'Tell Mayor Liccardo: publicly reject Trump\u2019s xenophobic agenda and do everything in your power to protect immigrants and refugees in San Jose.',
  ask: 'Take a public stand against Donald Trump\u2019s xenophobic agenda. Do everything in your power to ensure that our city implements policies and practices that protect immigrants and refugees from harassment, detention and deportation by ICE, the Border Patrol or other government agencies.',
  body: `Donald Trump spent his first week in office targeting immigrants, refugees and Muslims and strengthening his deportation force. This weekend, federal officials detained hundreds of immigrants and refugees at airports across the country.

Thousands of people took to the streets and flooded airports in outrage. Their signs and chants made clear why people had come out and come together: to fiercely resist Trump\u2019s racism, xenophobia and hate and put officials in our communities on notice that we expect them to reject Trump\u2019s dangerous agenda and stand with the communities he threatens.

It\u2019s clear that Trump is doing everything he can to make his nightmare campaign promises a reality. While the focus over the weekend was on Trump\u2019s Muslim ban, last week\u2019s executive orders also expand his deportation force, attack undocumented immigrants and threaten sanctuary cities. Trump promised to deport 2 to 3 million undocumented immigrants in his first 100 days in office. We have to stand with immigrants in our communities now and demand that mayors enforce practices and policies to protect them. Tell Mayor Liccardo to stand his ground and protect immigrants and refugees in San Jose before it\u2019s too late.

**Tell Mayor Liccardo: Publicly reject Trump\u2019s xenophobic agenda and do everything in your power to protect immigrants and refugees. [Sign the petition.](#sign)**

Dozens of sanctuary cities, counties and states have policies in place that make it more difficult for U.S. Immigration and Customs Enforcement to identify and deport undocumented immigrants: from prohibiting municipal employees from inquiring about an individual\u2019s immigration status, to banning the use of city resources, programs and funding to aid federal immigration officers.[^1]

Mayor Liccardo should make sure San Jose is ready to protect immigrants and refugees, and refuse to comply with Trump\u2019s racist, unconstitutional and illegal anti-immigrant executive orders. They include:

- **Criminalizing people who protect undocumented families.** U.S. citizens who conceal, harbor or shield an undocumented immigrant could face misdemeanor charges, pay a fine and possibly serve jail time.[^2]
- **Defunding \u201csanctuary cities\u201d that refuse to aid in federal immigration enforcement efforts.**[^3] This is an unconstitutional scare tactic meant to keep cities from standing up for immigrants and refugees.
- **Building a border wall, expanding detention facilities and adding 5,000 more Border Patrol agents to his deportation army.**[^4] Trump\u2019s executive order would cost American taxpayers billions of dollars and puts the lives of asylum seekers at risk in overrun detention centers where human rights abuses are rampant.
- **Arresting and detaining green card and visa holders.** Before a federal judge issued a stay, federal officials had the power to bar permanent residents and people with legal visas from seven predominantly Muslim countries from entering the United States.[^5] The stay protects permanent residents, but people with visas, including students, will continue to be blocked from entering the country and the Department of Homeland Security still has the power to revoke green cards in bulk.[^6]
- **Illegally discriminating against immigrants based on their country of origin.** The Immigration and Nationality Act outlaws discrimination of immigrants on the basis of national origin.[^7]

Trump and his right-wing administration are treating immigrants and refugees like criminals. Mayor Liccardo has the power to slow down and obstruct Trump\u2019s hateful regime. Urge Mayor Liccardo to do everything in his power to protect immigrants and refugees in San Jose.

**Tell Mayor Liccardo: Publicly reject Trump\u2019s xenophobic agenda and do everything in your power to protect immigrants and refugees. [Sign the petition.](#sign)**

It\u2019s important to remember that Trump\u2019s racist and unconstitutional executive order targets Muslim immigrants from countries where violent conflicts, human rights abuses and long-term unemployment are the norm: Iran, Iraq, Libya, Somalia, Sudan, Syria and Yemen.[^8] Hundreds of thousands of people are displaced by war, climate change and corporate greed every year. Every person, no matter their religion, has the right to seek refuge from conflict, live free from persecution and strive for better economic opportunities for their family. Our country was founded on these core principles, and we must not abandon them now.

Trump\u2019s executive order to withdraw federal grants from sanctuary cities hasn\u2019t stopped mayors in current sanctuary cities like San Francisco, Seattle and New York from reaffirming their commitment to remain cities of refuge and hope for all immigrants. In fact, the California state legislature already hired former Attorney General Eric Holder to protect California\u2019s sanctuary cities and the state from Trump\u2019s anti-immigrant right-wing administration.[^9] Now it\u2019s time for San Jose to take bold action.

Cities are the first line of defense against Trump\u2019s agenda of deportation, criminalization and hatred. Tell Mayor Liccardo that you\u2019re counting on them to resist and block Trump\u2019s anti-immigrant regime every step of the way. [Sign the petition.](#sign)

Thank you for speaking out,

Nicole Regalado, Campaign Manager
CREDO Action from Working Assets`,
};

const es = {
  title: 'San José debe defender a las personas inmigrantes y refugiadas',
  summary:
    'Dígale al alcalde Liccardo: rechace públicamente la agenda xenófoba de Trump y haga todo lo que esté a su alcance para proteger a las personas inmigrantes y refugiadas de San José.',
  ask: 'Tome una postura pública contra la agenda xenófoba de Donald Trump. Haga todo lo que esté a su alcance para que nuestra ciudad aplique políticas y prácticas que protejan a las personas inmigrantes y refugiadas del acoso, la detención y la deportación por parte de ICE, la Patrulla Fronteriza u otras agencias del gobierno.',
  body: `Donald Trump dedicó su primera semana en el cargo a atacar a inmigrantes, refugiados y musulmanes, y a fortalecer su fuerza de deportación. Este fin de semana, funcionarios federales detuvieron a cientos de inmigrantes y refugiados en aeropuertos de todo el país.

Miles de personas salieron a las calles y llenaron los aeropuertos indignadas. Sus carteles y consignas dejaron claro por qué se habían reunido: para resistir con firmeza el racismo, la xenofobia y el odio de Trump, y advertir a las autoridades de nuestras comunidades que esperamos que rechacen su peligrosa agenda y defiendan a las comunidades que él amenaza.

Está claro que Trump hace todo lo posible por cumplir sus promesas de campaña más temibles. Aunque el fin de semana la atención se centró en la prohibición contra los musulmanes, las órdenes ejecutivas de la semana pasada también amplían su fuerza de deportación, atacan a los inmigrantes indocumentados y amenazan a las ciudades santuario. Trump prometió deportar entre 2 y 3 millones de inmigrantes indocumentados en sus primeros 100 días. Tenemos que apoyar ahora a los inmigrantes de nuestras comunidades y exigir que los alcaldes apliquen prácticas y políticas que los protejan. Pídale al alcalde Liccardo que se mantenga firme y proteja a las personas inmigrantes y refugiadas de San José antes de que sea demasiado tarde.

**Dígale al alcalde Liccardo: rechace públicamente la agenda xenófoba de Trump y haga todo lo que esté a su alcance para proteger a las personas inmigrantes y refugiadas. [Firme la petición.](#sign)**

Decenas de ciudades, condados y estados santuario tienen políticas que dificultan que el Servicio de Inmigración y Control de Aduanas (ICE) identifique y deporte a inmigrantes indocumentados: desde prohibir que los empleados municipales pregunten por el estatus migratorio de una persona hasta impedir el uso de recursos, programas y fondos de la ciudad para ayudar a los agentes federales de inmigración.[^1]

El alcalde Liccardo debe asegurarse de que San José esté preparada para proteger a las personas inmigrantes y refugiadas, y negarse a cumplir las órdenes ejecutivas antiinmigrantes de Trump, que son racistas, inconstitucionales e ilegales. Entre ellas:

- **Criminalizar a quienes protegen a familias indocumentadas.** Los ciudadanos estadounidenses que oculten, alberguen o protejan a un inmigrante indocumentado podrían enfrentar cargos por delitos menores, pagar una multa y posiblemente ir a la cárcel.[^2]
- **Retirar fondos a las \u201cciudades santuario\u201d que se nieguen a colaborar con la aplicación federal de las leyes de inmigración.**[^3] Es una táctica de intimidación inconstitucional para impedir que las ciudades defiendan a inmigrantes y refugiados.
- **Construir un muro fronterizo, ampliar los centros de detención y sumar 5,000 agentes más de la Patrulla Fronteriza a su ejército de deportación.**[^4] La orden ejecutiva costaría miles de millones de dólares a los contribuyentes y pone en riesgo la vida de quienes piden asilo en centros de detención saturados, donde abundan los abusos contra los derechos humanos.
- **Arrestar y detener a titulares de tarjeta verde y de visa.** Antes de que un juez federal dictara una suspensión, los funcionarios federales podían impedir la entrada a Estados Unidos a residentes permanentes y a personas con visas legales de siete países de mayoría musulmana.[^5] La suspensión protege a los residentes permanentes, pero a las personas con visa, incluidos estudiantes, se les seguirá impidiendo la entrada, y el Departamento de Seguridad Nacional aún puede revocar tarjetas verdes de forma masiva.[^6]
- **Discriminar ilegalmente a los inmigrantes por su país de origen.** La Ley de Inmigración y Nacionalidad prohíbe discriminar a los inmigrantes por su origen nacional.[^7]

Trump y su gobierno de derecha tratan a los inmigrantes y refugiados como criminales. El alcalde Liccardo tiene el poder de frenar y obstaculizar este régimen de odio. Exíjale que haga todo lo que esté a su alcance para proteger a las personas inmigrantes y refugiadas de San José.

**Dígale al alcalde Liccardo: rechace públicamente la agenda xenófoba de Trump y haga todo lo que esté a su alcance para proteger a las personas inmigrantes y refugiadas. [Firme la petición.](#sign)**

Es importante recordar que la orden ejecutiva racista e inconstitucional de Trump apunta contra inmigrantes musulmanes de países donde los conflictos violentos, los abusos contra los derechos humanos y el desempleo prolongado son la norma: Irán, Irak, Libia, Somalia, Sudán, Siria y Yemen.[^8] Cada año, cientos de miles de personas se ven desplazadas por la guerra, el cambio climático y la codicia corporativa. Toda persona, sin importar su religión, tiene derecho a buscar refugio de los conflictos, vivir libre de persecución y buscar mejores oportunidades económicas para su familia. Nuestro país se fundó sobre estos principios y no debemos abandonarlos ahora.

La orden ejecutiva de Trump para retirar las subvenciones federales a las ciudades santuario no ha impedido que los alcaldes de ciudades como San Francisco, Seattle y Nueva York reafirmen su compromiso de seguir siendo ciudades de refugio y esperanza para todos los inmigrantes. De hecho, la legislatura del estado de California ya contrató al exfiscal general Eric Holder para proteger a las ciudades santuario de California y al estado frente al gobierno antiinmigrante de Trump.[^9] Ahora le toca a San José actuar con valentía.

Las ciudades son la primera línea de defensa contra la agenda de deportación, criminalización y odio de Trump. Dígale al alcalde Liccardo que contamos con él para resistir y bloquear el régimen antiinmigrante de Trump en cada paso. [Firme la petición.](#sign)

Gracias por alzar la voz,

Nicole Regalado, gerente de campaña
CREDO Action de Working Assets`,
};

export const sanJoseTranslations = { en, es };
