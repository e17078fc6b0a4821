#!/usr/bin/env python3
"""Tags the MP3 segments made by import.sh: replaces each file's ID3v2 tag with a distinct one (ID3v2.3: title, artist,
album, track, year, genre) so the corpus looks like a real library of N tracks, 10 per album and 10 albums per artist.
Writing tags here instead of running ffmpeg -metadata once per file keeps corpus generation to one ffmpeg run."""
import os
import struct
import sys


def syncsafe(n):
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def frame(frame_id, text):
    data = b"\x03" + text.encode("utf-8")  # encoding 3 = UTF-8
    return frame_id.encode("ascii") + struct.pack(">I", len(data)) + b"\x00\x00" + data


def strip_id3(blob):
    if blob[:3] == b"ID3":
        size = (blob[6] << 21) | (blob[7] << 14) | (blob[8] << 7) | blob[9]
        return blob[10 + size:]
    return blob


def main(directory):
    files = sorted(f for f in os.listdir(directory) if f.endswith(".mp3"))
    for i, name in enumerate(files):
        artist, album, track = i // 100, (i // 10) % 10, i % 10 + 1
        body = b"".join([
            frame("TIT2", f"Psalm {i:05d}"),
            frame("TPE1", f"Bench Ensemble {artist:03d}"),
            frame("TALB", f"Bench Album {artist:03d}-{album}"),
            frame("TRCK", f"{track}/10"),
            frame("TYER", str(1990 + artist % 30)),
            frame("TCON", "Worship"),
        ])
        path = os.path.join(directory, name)
        with open(path, "rb") as f:
            audio = strip_id3(f.read())
        artist_dir = os.path.join(directory, f"artist-{artist:03d}", f"album-{album}")
        os.makedirs(artist_dir, exist_ok=True)
        with open(os.path.join(artist_dir, f"{track:02d}-{i:05d}.mp3"), "wb") as f:
            f.write(b"ID3\x03\x00\x00" + syncsafe(len(body)) + body + audio)
        os.remove(path)
    print(f"tagged {len(files)} files")


if __name__ == "__main__":
    main(sys.argv[1])
