export * from './geofence.js';
export * from './plan.js';
export * from './rank.js';
export * from './repair-times.js';
