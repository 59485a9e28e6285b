import { configure } from '@testing-library/react';

// Shared 2-core machines: give async UI assertions room before they fail.
configure({ asyncUtilTimeout: 5000 });
