import os
rc = os.system('echo one; echo two >&2; exit 3')
print('system returned', os.waitstatus_to_exitcode(rc) if hasattr(os, 'waitstatus_to_exitcode') else rc >> 8)
