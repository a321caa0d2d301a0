export * from './referral-codes';
export * from './referral.entities';
export * from './referrals.module';
export * from './referral-tasks.processor';
export { referralAad } from './referrals.service';
export * from './shredding';
