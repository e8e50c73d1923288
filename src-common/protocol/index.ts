export * from './media';
export * from './messages';
export * from './notifications';
export * from './requests';
export * from './roles';
export * from './chat';
export * from './moderation';
export * from './resume';
