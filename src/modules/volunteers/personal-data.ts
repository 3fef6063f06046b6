import { eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { volunteerProfiles } from './schema.ts';

export const volunteersPersonalData: PersonalDataPart[] = [
  {
    name: 'engagement-profil',
    label: 'privacy.kind.profile',
    tables: [
      {
        table: 'volunteer_profiles',
        columns: ['user_id', 'postcode', 'lat', 'lng', 'skills', 'languages', 'about', 'fields', 'weekdays', 'times_of_day', 'home_municipality_id'],
      },
    ],
    async export(db, subject) {
      const rows = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, subject.userId));
      return rows.map(({ userId: _userId, ...profile }) => profile);
    },
    async erase(db, subject) {
      await db.delete(volunteerProfiles).where(eq(volunteerProfiles.userId, subject.userId));
    },
  },
];
