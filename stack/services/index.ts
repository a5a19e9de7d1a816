// The services of the local stack, in the order they are listed.
import type { ServiceDefinition, ServiceName } from '../service';
import { apicurioService } from './apicurio';
import { dynaliteService } from './dynalite';
import { kafkaService } from './kafka';
import { mariadbService } from './mariadb';
import { s3proxyService } from './s3proxy';

export const services: Record<ServiceName, ServiceDefinition> = {
  kafka: kafkaService,
  apicurio: apicurioService,
  s3proxy: s3proxyService,
  dynalite: dynaliteService,
  mariadb: mariadbService,
};
