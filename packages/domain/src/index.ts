export * from './api.js';
export * from './crews.js';
export * from './dispatch/index.js';
export * from './events.js';
export * from './geo.js';
export * from './roles.js';
export * from './territory.js';
export * from './tickets.js';
