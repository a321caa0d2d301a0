// The whole database schema in one place: every entity of every library and every
// migration. Processes and tools build their data source from this; no domain library
// depends on it, so it can depend on all of them.
import { AccessAlert } from '@tsunagu/alerts';
import { AuditEvent, AuditSeal } from '@tsunagu/audit';
import { RecoveryCode, Session, User } from '@tsunagu/auth';
import { BreakGlassGrant, Case, CaseCounter, CaseDv, Client, ClientChild, Contact, ProtectionOrder, Provision, RiskAssessment, SupportMeasure, Task } from '@tsunagu/cases';
import { ClosureDay, Concern, Program } from '@tsunagu/codes';
import { DataKey } from '@tsunagu/crypto';
import { Installation, SchemaDefinition } from '@tsunagu/database';
import { JobOutboxEntry } from '@tsunagu/queue';
import { Facility, FacilityMonthlyReport, Placement, Transport } from '@tsunagu/facilities';
import { LineChannel, LineConversation, LineFollowEvent, LineInboxEvent, LineMessage, LineUser } from '@tsunagu/line';
import { Department, Unit } from '@tsunagu/organization';
import { Consent, Referral } from '@tsunagu/referrals';
import { AggregateEntry, MonthlyStatistic, ReleaseCell, StaleMonth, StatisticsRelease, StatisticsRun } from '@tsunagu/statistics';
import { MIGRATIONS } from '../../../migrations';

export const ENTITIES = [Installation, AuditEvent, AuditSeal, Unit, Department, User, Session, RecoveryCode, DataKey, Program, Concern, ClosureDay, Client, ClientChild, Case, CaseCounter, Contact, BreakGlassGrant, CaseDv, ProtectionOrder, SupportMeasure, RiskAssessment, Task, Provision, Facility, Placement, Transport, FacilityMonthlyReport, LineChannel, LineInboxEvent, LineUser, LineFollowEvent, LineConversation, LineMessage, Consent, Referral, StatisticsRun, MonthlyStatistic, AggregateEntry, StaleMonth, StatisticsRelease, ReleaseCell, AccessAlert, JobOutboxEntry];

export const SCHEMA: SchemaDefinition = { entities: ENTITIES, migrations: MIGRATIONS };
