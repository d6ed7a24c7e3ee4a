import { Alert } from 'antd';
import { Component, type ReactNode } from 'react';

/** A chart that fails (a map file that cannot be read …) says so in its place; the figures around it stay. */
export class ChartBoundary extends Component<{ children: ReactNode }, { error?: string }> {
  override state: { error?: string } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    return this.state.error ? <Alert type="warning" showIcon title={this.state.error} /> : this.props.children;
  }
}
