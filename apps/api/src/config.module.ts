import { Global, Inject, Module } from '@nestjs/common';
import type { Config } from './config.js';

export const CONFIG = Symbol('CONFIG');
export const InjectConfig = () => Inject(CONFIG);

@Global()
@Module({})
export class ConfigModule {
  static forConfig(config: Config) {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
