import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerEntity } from './customer.entity';
import { CustomersRepository } from './customers.repository';
import { CustomerConnectionResolver, CustomersResolver } from './customers.resolver';
import { CustomersService } from './customers.service';

@Module({
  imports: [TypeOrmModule.forFeature([CustomerEntity])],
  providers: [CustomersRepository, CustomersService, CustomersResolver, CustomerConnectionResolver],
  exports: [CustomersRepository, CustomersService],
})
export class CustomersModule {}
