export * from './app';
export * from './bridge';
export * from './contract';
export * from './devices';
export * from './history';
export * from './updater';
export * from './host';
export * from './events';
