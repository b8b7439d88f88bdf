import os
rc = os.spawnv(os.P_WAIT, '/bin/sh', ['sh', '-c', 'exit 6'])
print('spawnv returned', rc)
