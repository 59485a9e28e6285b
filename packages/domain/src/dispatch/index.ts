export * from './geofence.js';
export * from './rank.js';
export * from './plan.js';
