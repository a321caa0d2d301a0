export * from './blind-index';
export * from './envelope-cipher';
export * from './errors';
export * from './key-material';
export * from './keyring';
export * from './crypto.module';
