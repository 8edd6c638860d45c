package org.juicetokens.foundation.storage;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The native RocksDB objects of one open store (the DB, its column family handles and every
 * option object), opened together and freed together, so none is leaked or freed twice. Holding
 * one is not permission to use it: {@link LocalStore} hands it out only under its read lock
 * ({@link DbAccess}) and closes it under its write lock, so no call touches a freed DB.
 */
final class NativeDb {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  /** Every family open in the DB (ours, default, and any a newer version added), closed on close. */
  private final List<ColumnFamilyHandle> openHandles;
  private final Map<StoreFamily, ColumnFamilyHandle> handles;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions unsyncedWrite = new WriteOptions();
  private final WriteOptions syncedWrite = new WriteOptions().setSync(true);

  private NativeDb(RocksDB db, List<ColumnFamilyHandle> openHandles, Map<StoreFamily, ColumnFamilyHandle> handles,
                   DBOptions dbOptions, ColumnFamilyOptions familyOptions) {
    this.db = db;
    this.openHandles = openHandles;
    this.handles = handles;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
  }

  /** Opens (creating when missing) the DB in the existing directory {@code dir} with every {@link StoreFamily}. */
  static NativeDb open(Path dir) {
    List<String> names = familyNames(dir);
    DBOptions dbOptions = new DBOptions()
      .setCreateIfMissing(true)
      .setCreateMissingColumnFamilies(true)
      // after a crash, replay the WAL up to the first torn record: everything synced before is kept
      .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
      .setKeepLogFileNum(3)
      .setMaxLogFileSize(4L << 20);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = names.stream()
      .map(n -> new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), familyOptions)).toList();
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
    } catch (RocksDBException e) {
      familyOptions.close();
      dbOptions.close();
      throw RocksErrors.toJuice("open " + dir, e);
    }
    Map<StoreFamily, ColumnFamilyHandle> handles = new EnumMap<>(StoreFamily.class);
    for (StoreFamily family : StoreFamily.values()) {
      handles.put(family, opened.get(names.indexOf(family.dbName())));
    }
    return new NativeDb(db, List.copyOf(opened), handles, dbOptions, familyOptions);
  }

  /** RocksDB's default family, ours, and any family already on disk (RocksDB refuses to open without them). */
  private static List<String> familyNames(Path dir) {
    Set<String> names = new LinkedHashSet<>();
    names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
    for (StoreFamily family : StoreFamily.values()) {
      names.add(family.dbName());
    }
    if (Files.exists(dir.resolve("CURRENT"))) {
      try (Options listing = new Options()) {
        RocksDB.listColumnFamilies(listing, dir.toString()).forEach(n -> names.add(new String(n, StandardCharsets.UTF_8)));
      } catch (RocksDBException e) {
        throw RocksErrors.toJuice("list families of " + dir, e);
      }
    }
    return List.copyOf(names);
  }

  RocksDB db() {
    return db;
  }

  ColumnFamilyHandle handle(StoreFamily family) {
    return handles.get(family);
  }

  /** Options of a write acknowledged once RocksDB has it (survives a process crash, not a power cut). */
  WriteOptions unsyncedWrite() {
    return unsyncedWrite;
  }

  /** Options of a write acknowledged only once it is fsynced. */
  WriteOptions syncedWrite() {
    return syncedWrite;
  }

  /** Families open in the DB, including the default one and any unknown to this version. */
  int familiesOpen() {
    return openHandles.size();
  }

  /** Frees everything: the handles, then the DB, then the options. Call once, with no other use under way. */
  void close() {
    openHandles.forEach(ColumnFamilyHandle::close);
    db.close();
    unsyncedWrite.close();
    syncedWrite.close();
    familyOptions.close();
    dbOptions.close();
  }
}
