import { Store } from '../base/Store';
import { parseRoute, type Route } from './route';

/** The part of a window the navigator uses (a fake in tests). */
export interface NavigationScope {
  readonly location: Pick<Location, 'pathname' | 'search' | 'hash'>;
  readonly history: Pick<History, 'pushState'>;
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

/** The screen the address names, kept in step with the browser's history (back and forward included). */
export class Navigator {
  readonly route: Store<Route>;
  private readonly onPop = (): void => this.route.set(this.current());

  constructor(private readonly scope: NavigationScope = window) {
    this.route = new Store(this.current());
    scope.addEventListener('popstate', this.onPop);
  }

  navigate(path: string): void {
    this.scope.history.pushState(null, '', path);
    this.route.set(this.current());
  }

  close(): void {
    this.scope.removeEventListener('popstate', this.onPop);
  }

  private current(): Route {
    const { pathname, search, hash } = this.scope.location;
    return parseRoute(pathname, search, hash);
  }
}
