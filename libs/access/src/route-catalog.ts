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
      // Nest types a controller's instance as any: here it is only an object with handlers.
      const instance = wrapper.instance as object | undefined;
      const metatype = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!instance || !metatype) continue;
      const prefixes = (Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined) ?? '';
      const proto = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
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
