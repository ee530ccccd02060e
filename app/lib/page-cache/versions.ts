import pg from "pg";

/**
 * The page cache's view of the data version: read from the primary for every cacheable request
 * (one single-row read), so that a write is visible at the next request. With a standby, a render
 * may be kept only when the standby had already replayed that version before the render began:
 * then everything the render read from it is at least as new as the key it is kept under.
 */
export interface CurrentVersion {
  version: bigint;
  /** Whether a render started now may be kept under `version`. */
  keep: boolean;
}

export interface VersionReader {
  /** The current version, or null when the primary cannot be reached (render without the cache). */
  read(): Promise<CurrentVersion | null>;
  end(): Promise<void>;
}

export function versionReader(primaryUrl: string, standbyUrl?: string): VersionReader {
  const primary = new pg.Pool({ connectionString: primaryUrl, max: 4 });
  const standby = standbyUrl
    ? new pg.Pool({ connectionString: standbyUrl, max: 2, connectionTimeoutMillis: 2000 })
    : null;
  // An idle connection dropped by its server is not this process's failure.
  primary.on("error", () => {});
  standby?.on("error", () => {});

  const versionOn = async (pool: pg.Pool): Promise<bigint> => {
    const { rows } = await pool.query<{ version: string }>(
      "SELECT version::text AS version FROM data_version",
    );
    return BigInt(rows[0].version);
  };

  return {
    async read() {
      let version: bigint;
      try {
        version = await versionOn(primary);
      } catch {
        return null;
      }
      if (!standby) return { version, keep: true };
      const replayed = await versionOn(standby).catch(() => -1n);
      return { version, keep: replayed >= version };
    },
    async end() {
      await Promise.allSettled([primary.end(), standby?.end()]);
    },
  };
}
