import os
print('before exec', flush=True)
os.execv('/bin/sh', ['sh', '-c', '/bin/echo from sh; exit 4'])
