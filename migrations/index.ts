// Every migration, oldest first. `npm run migration:generate` appends new ones here.
import { Foundation1764090000000 } from './1764090000000-Foundation';
import { SecurityCore1795631871070 } from './1795631871070-SecurityCore';
import { DataKeys1795632675073 } from './1795632675073-DataKeys';
import { Cases1795633551090 } from './1795633551090-Cases';
import { DvDetails1795635033719 } from './1795635033719-DvDetails';
import { Facilities1795643293025 } from './1795643293025-Facilities';
import { LineConsultations1795644658845 } from './1795644658845-LineConsultations';
import { Referrals1795645513265 } from './1795645513265-Referrals';
import { ClientChildren1795645881988 } from './1795645881988-ClientChildren';
import { Statistics1795648233047 } from './1795648233047-Statistics';
import { ReportPrograms1795656305831 } from './1795656305831-ReportPrograms';
import { ContactsByTime1795658542612 } from './1795658542612-ContactsByTime';
import { DvStatistics1795659045993 } from './1795659045993-DvStatistics';
import { AccessAlerts1795670000000 } from './1795670000000-AccessAlerts';
import { JobOutbox1795671000000 } from './1795671000000-JobOutbox';
import { Retention1795672000000 } from './1795672000000-Retention';
import { Shredding1795673000000 } from './1795673000000-Shredding';
import { BlindIndexKeys1795674000000 } from './1795674000000-BlindIndexKeys';
import { AnonymousRetention1795675000000 } from './1795675000000-AnonymousRetention';
import { RetireLockout1795676000000 } from './1795676000000-RetireLockout';
import { AccountApproval1795677000000 } from './1795677000000-AccountApproval';

export const MIGRATIONS = [Foundation1764090000000, SecurityCore1795631871070, DataKeys1795632675073, Cases1795633551090, DvDetails1795635033719, Facilities1795643293025, LineConsultations1795644658845, Referrals1795645513265, ClientChildren1795645881988, Statistics1795648233047, ReportPrograms1795656305831, ContactsByTime1795658542612, DvStatistics1795659045993, AccessAlerts1795670000000, JobOutbox1795671000000, Retention1795672000000, Shredding1795673000000, BlindIndexKeys1795674000000, AnonymousRetention1795675000000, RetireLockout1795676000000, AccountApproval1795677000000];
