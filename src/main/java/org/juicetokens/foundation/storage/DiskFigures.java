package org.juicetokens.foundation.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much disk the store takes and how much the disk has left.
 *
 * @param sizeOnDiskBytes bytes of every file under the store directory
 * @param diskFreeBytes   usable bytes left on the store's file system (0 when unknown)
 * @param diskTotalBytes  size of that file system (0 when unknown)
 */
public record DiskFigures(long sizeOnDiskBytes, long diskFreeBytes, long diskTotalBytes) {

  /** Measures {@code dir} (blocking file-system calls). Never throws: unknown figures are 0. */
  static DiskFigures measure(Path dir) {
    AtomicLong size = new AtomicLong();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          size.addAndGet(attrs.size());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // compaction deletes files while we walk: a vanished file simply no longer counts
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      size.set(0);
    }
    long free = 0;
    long total = 0;
    try {
      FileStore store = Files.getFileStore(dir);
      free = store.getUsableSpace();
      total = store.getTotalSpace();
    } catch (IOException e) {
      // left at 0: health then reports the disk as full, which is the safe reading
    }
    return new DiskFigures(size.get(), free, total);
  }
}
