// Module service: see README.md (Where things are).
