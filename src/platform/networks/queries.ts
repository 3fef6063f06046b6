import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { municipalities, networks, type Municipality, type Network } from './schema.ts';

/* The tenant look-ups every module needs; the tables are the platform's (decision 006), so are these reads. */

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
