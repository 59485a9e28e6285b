import { Global, Module } from '@nestjs/common';
import { CallbackSurveyService } from './callback-survey.service.js';
import { CallbacksController } from './callbacks.controller.js';
import { CallbacksRepository } from './callbacks.repository.js';
import { CallbacksService } from './callbacks.service.js';

/**
 * Callback surveys. Global so that the ticket workflow can inject CallbacksService (to open a task when an order
 * completes) without importing this module; this module in turn reaches the workflow and the ticket views through
 * ModuleRef at call time, so neither module imports the other.
 */
@Global()
@Module({
  controllers: [CallbacksController],
  providers: [CallbacksRepository, CallbacksService, CallbackSurveyService],
  exports: [CallbacksService],
})
export class CallbacksModule {}
