package org.mloop.client;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.mloop.core.MloopException;

/**
 * Local files on their way to a server: POST /api/v1/uploads gives an upload id, each file is one
 * streamed PUT into it, and the create request that follows (data asset, job code, model folder)
 * names the upload.
 */
record RemoteUploads(HttpTransport http) {
  /** A new, empty upload; its id. */
  String create() {
    return http.post(RemoteJson.API + "/uploads", RemoteJson.object()).path("upload_id").asText();
  }

  void put(String uploadId, String relativePath, Path file) {
    try {
      http.put(RemoteJson.API + "/uploads/" + uploadId + "/files/" + HttpTransport.relativePath(relativePath),
          HttpRequest.BodyPublishers.ofFile(file));
    } catch (FileNotFoundException e) {
      throw MloopException.invalid("cannot upload '" + file + "': the file does not exist");
    }
  }
}
