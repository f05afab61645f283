package org.mloop.core.data;

/** Azure ML's data asset types: one file, or a folder of files. */
public enum DataAssetType {
  uri_file,
  uri_folder
}
