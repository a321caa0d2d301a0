import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, RouteAccess } from './access.decorators';

export interface RouteInfo {
  method: string;
  /** Path as declared, without the global prefix, e.g. `users/:id`. */
  path: string;
  controller: string;
  handler: string;
  access: RouteAccess | undefined;
}

const join = (...parts: string[]) =>
  parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

/** Every route Nest registered, with the access it declares; for tests and the route matrix. */
@Injectable()
export class RouteCatalog {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteInfo[] {
    const out: RouteInfo[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prefixes: string | string[] = Reflect.getMetadata(PATH_METADATA, metatype) ?? '';
      const proto = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const paths: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
        if (paths === undefined) continue;
        const method: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler);
        const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_METADATA, [handler, metatype]);
        for (const prefix of [prefixes].flat()) {
          for (const path of [paths].flat()) {
            out.push({ method: RequestMethod[method], path: join(prefix, path), controller: metatype.name, handler: name, access });
          }
        }
      }
    }
    return out;
  }
}
