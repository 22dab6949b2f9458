import { Module } from '@nestjs/common';
import { AdminCatalogueController } from './catalogue-admin.controller';
import { CatalogueController } from './catalogue.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { Clock } from './clock';

/** The billing domain. For now: the catalogue of plans, options and fees, with dated prices (R2.1). */
@Module({
  controllers: [CatalogueController, AdminCatalogueController],
  providers: [CatalogueRepository, CatalogueService, Clock],
  exports: [CatalogueService],
})
export class BillingModule {}
