export * from './media';
export * from './messages';
export * from './notifications';
export * from './requests';
