/** Who is making a request and which grants they hold: the input of every policy in src/access. */

export interface Grant {
  role: 'admin' | 'leader' | 'secretariat' | 'reporter' | 'viewer';
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  /** The grant's unit is a root of the tree (no parent: the province): catalogue-wide powers. */
  atRoot?: boolean;
  /** Inherited through a restructuring from a grant on the successor with this code. */
  via?: string;
  /** The validity of the granted unit version (null: open). */
  validFrom?: string | null;
  validTo?: string | null;
}

/** Who is making a request, and with which rights. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  isAdmin: boolean;
  grants: Grant[];
  via: 'session' | 'token';
  tokenScope?: 'read' | 'write';
  sessionHash?: string;
  csrfToken?: string;
}
