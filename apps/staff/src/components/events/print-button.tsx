'use client';

import { Button } from '@undersigned/ui';

export function PrintButton() {
  return (
    <Button size="sm" onClick={() => window.print()}>
      Print
    </Button>
  );
}
