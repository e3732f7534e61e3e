// Module workflow: the annual review procedure as pure logic (see README.md).
