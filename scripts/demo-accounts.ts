/**
 * The demo accounts of docs/domain.md. They exist in supabase/seed.sql only (never in a migration), so they
 * never reach a production database: `supabase db push` does not apply the seed.
 */
export const DEMO_PASSWORD = 'charte-demo-2026';

export interface DemoAccount {
	id: string;
	email: string;
	displayName: string;
	description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		id: '00000000-0000-4000-a000-000000000001',
		email: 'coordination.hv@example.org',
		displayName: 'Claire Martin',
		description: 'coordinatrice du plan Haute-Vienne'
	},
	{
		id: '00000000-0000-4000-a000-000000000002',
		email: 'copil.hv@example.org',
		displayName: 'Bernard Lefèvre',
		description: 'membre du COPIL du plan Haute-Vienne'
	},
	{
		id: '00000000-0000-4000-a000-000000000003',
		email: 'ars.na@example.org',
		displayName: 'Sophie Durand',
		description: 'représentante de l’ARS Nouvelle-Aquitaine (Haute-Vienne)'
	},
	{
		id: '00000000-0000-4000-a000-000000000004',
		email: 'ordre.87@example.org',
		displayName: 'Dr Marc Petit',
		description: 'représentant de l’Ordre des médecins de la Haute-Vienne'
	},
	{
		id: '00000000-0000-4000-a000-000000000005',
		email: 'fac.limoges@example.org',
		displayName: 'Pr Anne Moreau',
		description: 'représentante de la Faculté de médecine de Limoges'
	},
	{
		id: '00000000-0000-4000-a000-000000000006',
		email: 'maire.hv@example.org',
		displayName: 'Jean Roux',
		description: 'élu de deux communes de la Haute-Vienne'
	},
	{
		id: '00000000-0000-4000-a000-000000000007',
		email: 'coordination.normandie@example.org',
		displayName: 'Élise Lambert',
		description: 'coordinatrice de la charte Normandie'
	},
	{
		id: '00000000-0000-4000-a000-000000000008',
		email: 'coordination.vaucluse@example.org',
		displayName: 'Karim Benali',
		description: 'coordinateur de Vaucluse Santé Attractivité'
	},
	{
		id: '00000000-0000-4000-a000-000000000009',
		email: 'cpts.dropt@example.org',
		displayName: 'Julie Garnier',
		description: 'coordinatrice du plan de la CPTS Dropt Garonne'
	},
	{
		id: '00000000-0000-4000-a000-00000000000a',
		email: 'mairie.carpentras@example.org',
		displayName: 'Nadia Faure',
		description: 'représentante de la mairie de Carpentras (Vaucluse Santé Attractivité)'
	},
	{
		id: '00000000-0000-4000-a000-00000000000b',
		email: 'cpts.cerebellum@example.org',
		displayName: 'Thomas Girard',
		description: 'représentant de la CPTS Cerebellum (Vaucluse Santé Attractivité)'
	},
	{
		id: '00000000-0000-4000-a000-0000000000c1',
		email: 'coordination.cholet@example.org',
		displayName: 'Margaux Chevalier',
		description: 'coordinatrice du plan d’attractivité médicale de Cholet (aides et engagements)'
	}
];
