import { useEffect, useState } from 'react';
import { AppShell, type ShellServices } from '../core/app/AppShell';

/** The window's shell for these services, built once they are known and closed when they go; null meanwhile. */
export function useAppShell(services: ShellServices): AppShell | null {
  const [shell, setShell] = useState<AppShell | null>(null);
  useEffect(() => {
    let live = true;
    let created: AppShell | null = null;
    void AppShell.create(services).then((made) => {
      if (live) setShell((created = made));
      else made.close();
    });
    return () => {
      live = false;
      created?.close();
    };
  }, [services]);
  return shell;
}
