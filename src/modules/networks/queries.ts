import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks, type Municipality, type Network } from './schema.ts';

export async function listNetworks(db: Db): Promise<Network[]> {
  return db.select().from(networks).orderBy(asc(networks.name));
}

export async function findNetworkBySlug(db: Db, slug: string): Promise<Network | undefined> {
  const [network] = await db.select().from(networks).where(eq(networks.slug, slug));
  return network;
}

export async function listMunicipalities(db: Db, networkId: string): Promise<Municipality[]> {
  return db.select().from(municipalities).where(eq(municipalities.networkId, networkId)).orderBy(asc(municipalities.name));
}
