export * from './geofence.js';
export * from './rank.js';
