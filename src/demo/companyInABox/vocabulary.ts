/** Word lists the population is drawn from: names, companies, places, products, campaigns. */

export const FIRST_NAMES = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa',
  'Anthony', 'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
  'Kevin', 'Carol', 'Brian', 'Amanda', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Jason', 'Rebecca',
  'Ryan', 'Laura', 'Jacob', 'Sharon', 'Gary', 'Cynthia', 'Nicholas', 'Kathleen', 'Eric', 'Amy', 'Jonathan', 'Angela',
  'Anna', 'Lukas', 'Sophie', 'Maximilian', 'Lea', 'Felix', 'Hannah', 'Jonas', 'Marie', 'Paul', 'Emma', 'Louis',
  'Chloe', 'Hugo', 'Camille', 'Lucas', 'Manon', 'Mateo', 'Lucia', 'Pablo', 'Carmen', 'Javier', 'Sofia', 'Alejandro',
  'Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Joao', 'Ana', 'Pedro', 'Beatriz', 'Rafael', 'Mariana', 'Gabriel',
  'Priya', 'Arjun', 'Ananya', 'Rahul', 'Aisha', 'Vikram', 'Yuki', 'Haruto', 'Sakura', 'Kenji', 'Mei', 'Wei',
  'Jose', 'Maria', 'Juan', 'Angelica', 'Mark Anthony', 'Kristine', 'Olivia', 'Noah', 'Liam', 'Ava', 'Isla', 'Jack',
  "Siobhan", "Sean", 'Zoe', 'Ethan', 'Grace', 'Oscar', 'Freya', 'Leo', 'Ingrid', 'Lars', 'Astrid', 'Nils',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott',
  'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell',
  'Carter', 'Roberts', 'Mueller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Rossi', 'Russo',
  'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa',
  'Fernandez', 'Gomez', 'Diaz', 'Moreno', 'Alvarez', 'Romero', 'Navarro', 'Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta',
  'Reddy', 'Tanaka', 'Suzuki', 'Takahashi', 'Watanabe', 'Sato', 'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Reyes',
  'Cruz', 'Bautista', 'Ocampo', 'Mendoza', 'Aquino', 'Villanueva', "O'Brien", "O'Connor", 'Murphy', 'Kelly', 'Byrne', 'Walsh',
  'van der Berg', 'de Jong', 'Jansen', 'de Vries', 'Bakker', 'Visser', 'Johansson', 'Andersson', 'Karlsson', 'Nilsson', 'Larsen', 'Hansen',
  'MacDonald', 'Stewart', 'Fraser', 'McLeod', 'Evans', 'Hughes', 'Edwards', 'Morgan', 'Cooper', 'Ward', 'Peterson', 'Gray',
] as const;

export const JOB_TITLES = [
  'CEO', 'CFO', 'CTO', 'COO', 'VP Sales', 'VP Marketing', 'Head of Operations', 'Procurement Manager', 'Purchasing Agent',
  'IT Manager', 'Office Manager', 'Operations Analyst', 'Marketing Manager', 'Sales Director', 'Finance Manager',
  'Software Engineer', 'Data Analyst', 'Facilities Coordinator', 'HR Business Partner', 'Account Executive',
] as const;

export interface Industry {
  /** Salesforce's standard Industry picklist value. */
  salesforce: string;
  /** HubSpot's industry property internal value. */
  hubspot: string;
}

export const INDUSTRIES: readonly Industry[] = [
  { salesforce: 'Technology', hubspot: 'COMPUTER_SOFTWARE' },
  { salesforce: 'Manufacturing', hubspot: 'MACHINERY' },
  { salesforce: 'Retail', hubspot: 'RETAIL' },
  { salesforce: 'Healthcare', hubspot: 'HOSPITAL_HEALTH_CARE' },
  { salesforce: 'Finance', hubspot: 'FINANCIAL_SERVICES' },
  { salesforce: 'Banking', hubspot: 'BANKING' },
  { salesforce: 'Education', hubspot: 'EDUCATION_MANAGEMENT' },
  { salesforce: 'Consulting', hubspot: 'MANAGEMENT_CONSULTING' },
  { salesforce: 'Construction', hubspot: 'CONSTRUCTION' },
  { salesforce: 'Transportation', hubspot: 'TRANSPORTATIONTRUCKINGRAILROAD' },
  { salesforce: 'Hospitality', hubspot: 'HOSPITALITY' },
  { salesforce: 'Telecommunications', hubspot: 'TELECOMMUNICATIONS' },
  { salesforce: 'Media', hubspot: 'MEDIA_PRODUCTION' },
  { salesforce: 'Energy', hubspot: 'OIL_ENERGY' },
  { salesforce: 'Food & Beverage', hubspot: 'FOOD_BEVERAGES' },
  { salesforce: 'Not For Profit', hubspot: 'NON_PROFIT_ORGANIZATION_MANAGEMENT' },
];

export interface Country {
  /** ISO 3166-1 alpha-2, as GA4 and most CRMs store it in code form. */
  code: string;
  /** ISO 3166-1 alpha-3 lower case, as Adobe's geo_country lookup keys are. */
  code3: string;
  name: string;
  /** Misspellings and variants people type into forms. */
  variants: readonly string[];
  states: readonly string[];
  cities: readonly string[];
  currency: string;
  tld: string;
  phonePrefix: string;
  /** Relative share of customers. */
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'US', code3: 'usa', name: 'United States', variants: ['USA', 'U.S.A.', 'Untied States', 'united states', 'US'], states: ['CA', 'NY', 'TX', 'WA', 'IL', 'MA', 'FL', 'CO'], cities: ['San Francisco', 'New York', 'Austin', 'Seattle', 'Chicago', 'Boston', 'Miami', 'Denver'], currency: 'USD', tld: 'com', phonePrefix: '+1', weight: 34 },
  { code: 'GB', code3: 'gbr', name: 'United Kingdom', variants: ['UK', 'Great Britain', 'England', 'United Kingdon'], states: ['England', 'Scotland', 'Wales'], cities: ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Leeds'], currency: 'GBP', tld: 'co.uk', phonePrefix: '+44', weight: 12 },
  { code: 'DE', code3: 'deu', name: 'Germany', variants: ['Deutschland', 'Germnay', 'germany'], states: ['Bayern', 'Berlin', 'Hamburg', 'Hessen', 'Nordrhein-Westfalen'], cities: ['Munich', 'Berlin', 'Hamburg', 'Frankfurt', 'Cologne'], currency: 'EUR', tld: 'de', phonePrefix: '+49', weight: 10 },
  { code: 'FR', code3: 'fra', name: 'France', variants: ['france', 'Frnace', 'République française'], states: ['Île-de-France', 'Auvergne-Rhône-Alpes', 'Occitanie'], cities: ['Paris', 'Lyon', 'Toulouse', 'Marseille'], currency: 'EUR', tld: 'fr', phonePrefix: '+33', weight: 7 },
  { code: 'NL', code3: 'nld', name: 'Netherlands', variants: ['The Netherlands', 'Holland', 'Netherland'], states: ['Noord-Holland', 'Zuid-Holland', 'Utrecht'], cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'The Hague'], currency: 'EUR', tld: 'nl', phonePrefix: '+31', weight: 4 },
  { code: 'ES', code3: 'esp', name: 'Spain', variants: ['España', 'Spian'], states: ['Madrid', 'Cataluña', 'Andalucía'], cities: ['Madrid', 'Barcelona', 'Seville', 'Valencia'], currency: 'EUR', tld: 'es', phonePrefix: '+34', weight: 5 },
  { code: 'IT', code3: 'ita', name: 'Italy', variants: ['Italia', 'Itlay'], states: ['Lombardia', 'Lazio', 'Piemonte'], cities: ['Milan', 'Rome', 'Turin', 'Bologna'], currency: 'EUR', tld: 'it', phonePrefix: '+39', weight: 4 },
  { code: 'PH', code3: 'phl', name: 'Philippines', variants: ['Philipines', 'Phillipines', 'Phillippines', 'PH'], states: ['Metro Manila', 'Cebu', 'Davao del Sur'], cities: ['Manila', 'Quezon City', 'Cebu City', 'Davao City', 'Makati'], currency: 'PHP', tld: 'ph', phonePrefix: '+63', weight: 4 },
  { code: 'BR', code3: 'bra', name: 'Brazil', variants: ['Brasil', 'Brazill'], states: ['SP', 'RJ', 'MG', 'RS'], cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Porto Alegre'], currency: 'BRL', tld: 'com.br', phonePrefix: '+55', weight: 5 },
  { code: 'IN', code3: 'ind', name: 'India', variants: ['india', 'Bharat', 'Inida'], states: ['Maharashtra', 'Karnataka', 'Delhi', 'Tamil Nadu'], cities: ['Mumbai', 'Bengaluru', 'New Delhi', 'Chennai', 'Pune'], currency: 'INR', tld: 'in', phonePrefix: '+91', weight: 5 },
  { code: 'AU', code3: 'aus', name: 'Australia', variants: ['australia', 'Austrailia', 'Aus'], states: ['NSW', 'VIC', 'QLD', 'WA'], cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'], currency: 'AUD', tld: 'com.au', phonePrefix: '+61', weight: 3 },
  { code: 'CA', code3: 'can', name: 'Canada', variants: ['canada', 'Cananda'], states: ['ON', 'BC', 'QC', 'AB'], cities: ['Toronto', 'Vancouver', 'Montreal', 'Calgary'], currency: 'CAD', tld: 'ca', phonePrefix: '+1', weight: 4 },
  { code: 'JP', code3: 'jpn', name: 'Japan', variants: ['Nippon', 'Japn'], states: ['Tokyo', 'Osaka', 'Kanagawa'], cities: ['Tokyo', 'Osaka', 'Yokohama', 'Kyoto'], currency: 'JPY', tld: 'jp', phonePrefix: '+81', weight: 3 },
];

export const COUNTRY_WEIGHTS: readonly number[] = COUNTRIES.map((c) => c.weight);

/** Units of each currency per US dollar (fixed: the model prices in USD, then converts). */
export const USD_RATES: Readonly<Record<string, number>> = {
  USD: 1, GBP: 0.79, EUR: 0.92, PHP: 56, BRL: 5.0, INR: 83, AUD: 1.5, CAD: 1.36, JPY: 150,
};

export const COMPANY_WORDS = [
  'North', 'Blue', 'Summit', 'Bright', 'Iron', 'Silver', 'Green', 'Harbor', 'Pioneer', 'Atlas', 'Nova', 'Cedar', 'Falcon', 'Vertex',
  'Quantum', 'Crescent', 'Evergreen', 'Granite', 'Horizon', 'Lumen', 'Maple', 'Orbit', 'Prairie', 'Redwood', 'Sterling', 'Tidal',
  'Union', 'Vista', 'Willow', 'Apex', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Frontier', 'Golden', 'Hudson', 'Keystone', 'Lighthouse',
  'Meridian', 'Northwind', 'Oak', 'Pacific', 'Riverside', 'Sapphire', 'Trinity', 'Upland', 'Vanguard', 'Westfield', 'Zenith',
] as const;

export const COMPANY_NOUNS = [
  'Analytics', 'Logistics', 'Systems', 'Foods', 'Health', 'Labs', 'Partners', 'Works', 'Dynamics', 'Solutions', 'Networks', 'Retail',
  'Energy', 'Capital', 'Builders', 'Media', 'Software', 'Supply', 'Medical', 'Motors', 'Textiles', 'Consulting', 'Robotics', 'Studios',
] as const;

export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  US: ['Inc.', 'LLC', 'Corp.'], GB: ['Ltd', 'PLC'], DE: ['GmbH', 'AG'], FR: ['SAS', 'SA'], NL: ['B.V.'], ES: ['S.L.', 'S.A.'],
  IT: ['S.r.l.', 'S.p.A.'], PH: ['Inc.', 'Corporation'], BR: ['Ltda.', 'S.A.'], IN: ['Pvt. Ltd.', 'Ltd.'], AU: ['Pty Ltd'], CA: ['Inc.', 'Ltd.'],
  JP: ['K.K.', 'Co., Ltd.'],
};

/** Free mail domains of B2C customers; gmail ignores dots in the local part. */
export const FREE_MAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'gmx.de', 'proton.me'] as const;
export const FREE_MAIL_WEIGHTS = [45, 12, 14, 10, 10, 5, 4] as const;
export const GMAIL_DOMAIN_INDEX = 0;

export interface Product {
  sku: string;
  description: string;
  /** List price in USD. */
  priceUsd: number;
  /** Bought mostly by companies (bulk, licences) rather than individuals. */
  business: boolean;
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'DSK-1001', description: 'Standing desk, oak top', priceUsd: 549, business: true },
  { sku: 'CHR-2002', description: 'Ergonomic office chair', priceUsd: 329, business: true },
  { sku: 'MON-3003', description: '27" 4K monitor', priceUsd: 389, business: true },
  { sku: 'KBD-4004', description: 'Mechanical keyboard, "silent" switches', priceUsd: 129, business: false },
  { sku: 'MSE-4005', description: 'Wireless mouse', priceUsd: 49, business: false },
  { sku: 'LMP-5006', description: 'LED desk lamp', priceUsd: 69, business: false },
  { sku: 'HDP-6007', description: 'Noise-cancelling headphones', priceUsd: 279, business: false },
  { sku: 'CAM-6008', description: 'HD webcam', priceUsd: 89, business: false },
  { sku: 'DOC-7009', description: 'USB-C docking station', priceUsd: 199, business: true },
  { sku: 'CBL-7010', description: 'USB-C cable, 2 m', priceUsd: 19, business: false },
  { sku: 'NTB-8011', description: 'Notebook, A5, dotted', priceUsd: 14, business: false },
  { sku: 'PEN-8012', description: 'Fountain pen, fine nib', priceUsd: 39, business: false },
  { sku: 'BAG-9013', description: 'Laptop backpack 15"', priceUsd: 119, business: false },
  { sku: 'PLT-9014', description: 'Desk plant, snake plant', priceUsd: 34, business: false },
  { sku: 'LIC-1015', description: 'Workspace booking licence, 1 seat/year', priceUsd: 96, business: true },
  { sku: 'LIC-1016', description: 'Fleet management licence, 10 seats/year', priceUsd: 1490, business: true },
  { sku: 'SRV-1017', description: 'Office fit-out consultation (day)', priceUsd: 1200, business: true },
  { sku: 'SRV-1018', description: 'On-site installation', priceUsd: 450, business: true },
  { sku: 'WBD-1019', description: 'Whiteboard 180x120, magnetic', priceUsd: 259, business: true },
  { sku: 'SCR-1020', description: 'Acoustic screen panel', priceUsd: 179, business: true },
  { sku: 'MUG-1021', description: 'Insulated mug', priceUsd: 24, business: false },
  { sku: 'GFT-1022', description: 'Gift card', priceUsd: 50, business: false },
];

export const BUSINESS_PRODUCTS = PRODUCTS.map((p, i) => (p.business ? i : -1)).filter((i) => i >= 0);
export const CONSUMER_PRODUCTS = PRODUCTS.map((p, i) => (p.business ? -1 : i)).filter((i) => i >= 0);

/** Site pages (path, title); product pages are /products/<sku>. */
export const SITE_PAGES = [
  ['/', 'Home'], ['/products', 'All products'], ['/business', 'For business'], ['/pricing', 'Pricing'], ['/blog/remote-office-setup', 'Blog: remote office setup'],
  ['/blog/ergonomics-101', 'Blog: ergonomics 101'], ['/support', 'Support'], ['/contact', 'Contact sales'], ['/account', 'My account'], ['/search', 'Search'],
] as const;

export const SITE_HOST = 'https://www.deskandco.example';

/** Acquisition channels: GA4 traffic_source (name, medium, source) and weights. */
export const TRAFFIC_SOURCES = [
  { name: '(organic)', medium: 'organic', source: 'google', weight: 34 },
  { name: '(direct)', medium: '(none)', source: '(direct)', weight: 22 },
  { name: 'spring_sale', medium: 'cpc', source: 'google', weight: 14 },
  { name: 'newsletter', medium: 'email', source: 'newsletter', weight: 12 },
  { name: 'b2b_linkedin', medium: 'paid_social', source: 'linkedin', weight: 8 },
  { name: '(referral)', medium: 'referral', source: 'techradar.com', weight: 6 },
  { name: 'retargeting', medium: 'display', source: 'criteo', weight: 4 },
] as const;

export const TRAFFIC_WEIGHTS = TRAFFIC_SOURCES.map((t) => t.weight);

export const DEVICES = [
  { category: 'desktop', operatingSystem: 'Windows', browser: 'Chrome' },
  { category: 'desktop', operatingSystem: 'Macintosh', browser: 'Safari' },
  { category: 'mobile', operatingSystem: 'iOS', browser: 'Safari' },
  { category: 'mobile', operatingSystem: 'Android', browser: 'Chrome' },
  { category: 'tablet', operatingSystem: 'iOS', browser: 'Safari' },
] as const;

export const SEARCH_TERMS = ['standing desk', 'chair', 'monitor arm', 'usb c', 'gift', 'lamp', 'headphones', 'dock', 'tab\tdesk', 'desk \\ chair'] as const;

/** Marketing channels of the spend export and the campaigns run in each. */
export const SPEND_CHANNELS = [
  { channel: 'paid_search', campaigns: ['spring_sale', 'brand_search'], shareOfSpend: 0.34 },
  { channel: 'paid_social', campaigns: ['b2b_linkedin', 'consumer_instagram'], shareOfSpend: 0.22 },
  { channel: 'display', campaigns: ['retargeting'], shareOfSpend: 0.12 },
  { channel: 'email', campaigns: ['newsletter', 'winback'], shareOfSpend: 0.06 },
  { channel: 'affiliate', campaigns: ['techradar_partnership'], shareOfSpend: 0.1 },
  { channel: 'events', campaigns: ['trade_show'], shareOfSpend: 0.16 },
] as const;
