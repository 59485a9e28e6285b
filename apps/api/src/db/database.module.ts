import { Global, Inject, Module } from '@nestjs/common';
import type { DatabaseHandle } from './client.js';

export const DATABASE = Symbol('DATABASE');
/** Injects the open database handle (see openDatabase); whoever opened it closes it. */
export const InjectDatabase = () => Inject(DATABASE);

@Global()
@Module({})
export class DatabaseModule {
  static forHandle(handle: DatabaseHandle) {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE, useValue: handle }],
      exports: [DATABASE],
    };
  }
}
