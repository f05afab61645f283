package org.mloop.studio.pages;

import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.workspace.Workspace;

/** A data asset: its versions, newest first, and the files of one of them (the latest unless asked) with their hashes. */
public record DataPage(String name, List<DataAsset> versions, DataAsset shown, List<ArtifactFile> files) {

  /** The latest version of every data asset. */
  public static List<DataAsset> list(Workspace workspace) {
    return workspace.data().list(null);
  }

  public static DataPage of(Workspace workspace, String name, Integer version) {
    List<DataAsset> versions = workspace.data().list(name);
    DataAsset shown = workspace.data().get(new AssetRef(name, version));
    List<ArtifactFile> files = workspace.data().listFiles(shown).stream().filter(f -> !f.directory()).toList();
    return new DataPage(name, versions, shown, files);
  }

  /** "1.2 MiB", "512 B". */
  public static String size(Long bytes) {
    if (bytes == null) {
      return "";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
